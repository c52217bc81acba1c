"""One error hierarchy for services: every failure a user can cause carries a Vietnamese message."""


class AppError(Exception):
    """A failure the user can understand and act on; `message` is shown as is."""

    def __init__(self, message: str, *, errors: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class InvalidInput(AppError):
    """The input is wrong; nothing was written."""


class ConflictError(AppError):
    """Someone else changed the record since it was read; nothing was written."""


class NotAllowed(AppError):
    """The action is not allowed in the record's current state."""
