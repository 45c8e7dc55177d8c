"""One root error; each stage's error says what went wrong, where, and what to do."""

from __future__ import annotations


class NewsfactsError(Exception):
    """Root of every error newsfacts raises on purpose (the CLI prints these without a trace)."""


class SourceError(NewsfactsError):
    """An input could not be read as articles at all (a missing path, an unknown format)."""


class ContractError(NewsfactsError):
    """A table contract in schemas/ is malformed: the message names the file and the key."""


class WarehouseError(NewsfactsError):
    """The warehouse is missing, locked by another writer, or inconsistent."""


class QueryError(NewsfactsError):
    """A query was refused (it would modify the lake) or failed."""
