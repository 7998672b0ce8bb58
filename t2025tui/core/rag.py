"""RAG scales and their order. Kept free of pydantic so screens can start without it."""

from t2025tui.core.errors import ValidationError

RAG_3 = ("Red", "Amber", "Green")
RAG_5 = ("Red", "Amber/Red", "Amber", "Amber/Green", "Green")
# Higher is better; used to decide whether a RAG change is a worsening.
RAG_RANK = {"Red": 0, "Amber/Red": 1, "Amber": 2, "Amber/Green": 3, "Green": 4}


def rag_scale(store) -> tuple[str, ...]:
    """The programme's scale: 3-point RAG or the IPA 5-point delivery confidence scale."""
    return RAG_5 if store.scalar("SELECT rag_scale FROM programme WHERE id = 1") == 5 else RAG_3


def check_rag(store, rag: str | None) -> None:
    if rag is None:
        return
    allowed = rag_scale(store)
    if rag not in allowed:
        raise ValidationError(f"RAG {rag!r} is not one of {', '.join(allowed)}", "rag")


def is_worse(old: str | None, new: str | None) -> bool:
    if old is None or new is None:
        return False
    return RAG_RANK[new] < RAG_RANK[old]
