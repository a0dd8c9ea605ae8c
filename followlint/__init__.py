"""followlint: lint the message a candidate sends after a job interview."""

__version__ = "0.1.0"
