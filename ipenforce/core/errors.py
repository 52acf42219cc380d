"""One exception hierarchy with stable codes, mapped once to the API's JSON shape and to UI messages."""
from django.core.exceptions import ValidationError as DjangoValidationError


class ApplicationError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = str(message)
        if code:
            self.code = code
        self.field = field

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "field": self.field}


class ValidationFailed(ApplicationError):
    status = 422
    code = "invalid"


class NotAuthenticated(ApplicationError):
    status = 401
    code = "not_authenticated"


class PermissionDenied(ApplicationError):
    status = 403
    code = "permission_denied"


class NotFound(ApplicationError):
    status = 404
    code = "not_found"


class Conflict(ApplicationError):
    status = 409
    code = "conflict"


class IntegrityFailed(ApplicationError):
    """A stored file no longer matches the hash recorded when it was written."""

    status = 409
    code = "integrity_check_failed"


class Locked(ApplicationError):
    status = 429
    code = "account_locked"


def from_django_validation(exc: DjangoValidationError) -> ValidationFailed:
    """The first message of a Django ValidationError (from full_clean or a validator) as a ValidationFailed."""
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        error = errors[0]
        message = error.message % error.params if error.params else error.message
        return ValidationFailed(message, code=error.code or "invalid", field=None if field == "__all__" else field)
    error = exc.error_list[0]
    message = error.message % error.params if error.params else error.message
    return ValidationFailed(message, code=error.code or "invalid")
