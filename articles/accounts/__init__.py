"""Staff accounts that can't be guessed or stolen: the sign-in throttle (`throttle`), the record
of every attempt (`attempts`), second factors (`factors`), sessions that end when they should
(`sessions`), single sign-on through an identity provider (`single_sign_on`)
(docs/operations/staff-sign-in.md)."""
