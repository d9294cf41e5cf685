"""Staff accounts that can't be guessed or stolen: the sign-in throttle (`throttle`), the record
of every attempt (`attempts`) (docs/operations/staff-sign-in.md)."""
