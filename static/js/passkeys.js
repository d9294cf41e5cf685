// Sign-in security (templates/admin/accounts/security.html): once django-otp-webauthn has
// registered a new passkey, show the page again so the list (and the recovery codes offer)
// include it.
document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.reload();
});
