// Live password strength: asks the server (zxcvbn with Japanese and English dictionaries) as the member types.
// Without JavaScript the same check runs when the form is submitted.
(function () {
  for (const input of document.querySelectorAll('input[data-strength-meter]')) {
    const form = input.form;
    const box = document.createElement('div');
    box.className = 'strength';
    box.setAttribute('aria-live', 'polite');
    const meter = document.createElement('meter');
    meter.min = 0;
    meter.max = 4;
    meter.low = 2;
    meter.high = 3;
    meter.optimum = 4;
    meter.value = 0;
    const text = document.createElement('span');
    text.className = 'small';
    box.append(meter, ' ', text);
    input.insertAdjacentElement('afterend', box);
    let timer = null;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        if (!input.value) {
          meter.value = 0;
          text.textContent = '';
          return;
        }
        const field = (name) => (form && form.elements[name] ? form.elements[name].value : '');
        const response = await fetch('/password/strength', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': field('_csrf') },
          body: JSON.stringify({ password: input.value, email: field('email'), username: field('username') }),
        });
        if (!response.ok) return;
        const result = await response.json();
        meter.value = result.score;
        text.textContent = [result.label, result.warning].concat(result.suggestions).filter(Boolean).join(' ');
      }, 250);
    });
  }
})();
