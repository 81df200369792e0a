"""The one base of every error credcat raises on purpose, so callers can catch them all."""


class CredcatError(Exception):
    """Something credcat refuses or cannot do; the message says what, for a person."""
