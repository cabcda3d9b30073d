-- Each service's category joins its search terms ('c:' and the id), so words and a category meet in the
-- term index. The app writes it from now on (serviceTermsOf); this fills in the rows written before.
UPDATE "services" SET "search_terms" = array_append("search_terms", 'c:' || "category_id")
WHERE NOT (('c:' || "category_id") = ANY ("search_terms"));
