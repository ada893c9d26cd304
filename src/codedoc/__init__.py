"""CodeDoc: point it at a repository, get documentation a newcomer can trust."""

__version__ = "0.1.0"
