"""Input validators whose failure text is shown beside the field."""

from datetime import date

from textual.validation import ValidationResult, Validator

from t2025tui.core.dates import parse_user_date


class Required(Validator):
    def __init__(self, what: str = "this field"):
        super().__init__(failure_description=f"{what} is required; it cannot be blank")

    def validate(self, value: str) -> ValidationResult:
        return self.success() if value.strip() else self.failure()


class UserDate(Validator):
    """ISO, dd/mm/yyyy, today, +7, +2w; relative forms count from `base` (else today)."""

    def __init__(self, *, base: date | None = None, optional: bool = False):
        super().__init__()
        self.base = base
        self.optional = optional

    def validate(self, value: str) -> ValidationResult:
        if self.optional and not value.strip():
            return self.success()
        try:
            parse_user_date(value, base=self.base)
        except ValueError as exc:
            return self.failure(str(exc))
        return self.success()
