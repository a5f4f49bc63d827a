// After django-otp-webauthn has added a passkey, show the page again with it listed.
document.addEventListener("otp_webauthn.register_complete", () => window.location.reload());
