// Passkey ceremonies in the browser: the server makes the challenge and checks the answer;
// SimpleWebAuthnBrowser (served from /static/simplewebauthn.js) talks to the authenticator.
(function () {
  const token = () => (document.querySelector('input[name=_csrf]') || {}).value || '';
  const post = (url, body) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token() },
      body: JSON.stringify(body || {}),
    });
  const show = (el, text) => {
    el.textContent = text;
    el.hidden = false;
  };

  const register = document.querySelector('[data-passkey-register]');
  if (register) {
    const error = document.querySelector('[data-passkey-error]');
    register.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!window.PublicKeyCredential) return show(error, register.dataset.unsupported);
      try {
        const start = await (await post('/settings/security/passkeys/options')).json();
        const response = await SimpleWebAuthnBrowser.startRegistration({ optionsJSON: start.options });
        const name = register.querySelector('input[name=name]').value;
        const done = await post('/settings/security/passkeys', { challengeId: start.challengeId, name, response });
        if (!done.ok) return show(error, (await done.json()).error);
        location.href = '/settings/security?notice=passkey#passkeys';
      } catch (e) {
        show(error, register.dataset.failed);
      }
    });
  }

  const login = document.querySelector('[data-passkey-login]');
  if (login) {
    const error = document.querySelector('[data-passkey-error]');
    login.hidden = false;
    login.addEventListener('click', async () => {
      if (!window.PublicKeyCredential) return show(error, login.dataset.unsupported);
      try {
        const start = await (await post('/login/passkey/options')).json();
        const response = await SimpleWebAuthnBrowser.startAuthentication({ optionsJSON: start.options });
        const done = await post('/login/passkey', {
          challengeId: start.challengeId,
          response,
          next: login.dataset.next || '/',
        });
        const result = await done.json();
        if (!done.ok) return show(error, result.error);
        location.href = result.next;
      } catch (e) {
        show(error, login.dataset.failed);
      }
    });
  }
})();
