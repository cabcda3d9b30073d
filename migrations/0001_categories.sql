-- The fixed category tree (カテゴリ). Top levels first; children refer to their parent by slug.
INSERT INTO categories (slug, parent_id, name_ja, name_en, position) VALUES
  ('design', NULL, 'デザイン', 'Design', 1),
  ('writing', NULL, 'ライティング・翻訳', 'Writing & translation', 2),
  ('it', NULL, 'IT・プログラミング', 'IT & programming', 3),
  ('video-music', NULL, '動画・音楽', 'Video & music', 4),
  ('business', NULL, 'ビジネス相談', 'Business advice', 5),
  ('lessons', NULL, 'レッスン・学び', 'Lessons', 6),
  ('life', NULL, '暮らし・悩み相談', 'Life & advice', 7);
--> statement-breakpoint
INSERT INTO categories (slug, parent_id, name_ja, name_en, position)
SELECT c.slug, p.id, c.name_ja, c.name_en, c.position
FROM (VALUES
  ('logo', 'design', 'ロゴ作成', 'Logo design', 1),
  ('illustration', 'design', 'イラスト', 'Illustration', 2),
  ('web-design', 'design', 'Webデザイン', 'Web design', 3),
  ('translation', 'writing', '翻訳', 'Translation', 1),
  ('copywriting', 'writing', '記事・コピー作成', 'Articles & copy', 2),
  ('proofreading', 'writing', '校正・添削', 'Proofreading', 3),
  ('web-dev', 'it', 'Webサイト制作', 'Websites', 1),
  ('apps', 'it', 'アプリ開発', 'Apps', 2),
  ('it-support', 'it', 'パソコン・ITサポート', 'IT support', 3),
  ('video-editing', 'video-music', '動画編集', 'Video editing', 1),
  ('music', 'video-music', '作曲・音源制作', 'Music production', 2),
  ('voice', 'video-music', 'ナレーション', 'Voice-over', 3),
  ('marketing', 'business', 'マーケティング', 'Marketing', 1),
  ('startup', 'business', '起業・経営相談', 'Starting a business', 2),
  ('language-lessons', 'lessons', '語学レッスン', 'Language lessons', 1),
  ('study', 'lessons', '勉強・受験', 'Study & exams', 2),
  ('fortune', 'life', '占い', 'Fortune telling', 1),
  ('counselling', 'life', '悩み相談', 'Someone to talk to', 2)
) AS c(slug, parent_slug, name_ja, name_en, position)
JOIN categories p ON p.slug = c.parent_slug;
