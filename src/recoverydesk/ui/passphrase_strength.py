"""How hard a passphrase is to guess, in plain words: zxcvbn's estimate (it knows common
passwords, keyboard runs like "qwerty", dates, l33t spelling and words with a number tacked on)
and its advice, for the passphrase form beside the field. No Qt and no database: tests check
it directly. The passphrase form calls it on a reader thread, never on the window's.

The practice file is encrypted with the passphrase, so a stolen laptop invites guessing offline:
only "Good" (zxcvbn 3) and "Strong" (4) are accepted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

ACCEPTABLE = 3
_MAX_CHECKED = 72  # zxcvbn's own limit; characters past it only add strength
# Words a guesser would try first against this app's files.
_CONTEXT = ("recoverydesk", "recovery", "desk", "practice", "coach", "passphrase")
LABELS = ("Very weak", "Weak", "Fair", "Good", "Strong")
HINTS = (
    "Easy to guess. Try three or four unrelated words, like a short odd sentence.",
    "Still easy to guess. Three or four unrelated words are stronger than symbols.",
    "Getting there, but a computer could still guess it. Add another unusual word.",
    "Good. Keep it somewhere safe: it cannot be recovered if forgotten.",
    "Strong. Keep it somewhere safe: it cannot be recovered if forgotten.",
)


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (very weak) .. 4 (strong)
    label: str
    hint: str  # what to do, in our words
    warning: str = ""  # zxcvbn's: what makes it guessable ("This is a very common password.")
    suggestions: tuple[str, ...] = ()  # zxcvbn's advice

    @property
    def acceptable(self) -> bool:
        return self.score >= ACCEPTABLE

    @property
    def advice(self) -> str:
        """The warning and suggestions as one short paragraph ("" when there are none)."""
        return " ".join(part for part in (self.warning, *self.suggestions) if part)


def passphrase_strength(passphrase: str, context: Sequence[str] = ()) -> Strength:
    """``context``: words about this practice (its name) that make a passphrase guessable."""
    if not passphrase:
        return Strength(0, "No passphrase", "Choose a passphrase of a few words you can remember.")
    # Imported at the first estimate, not with the window (its menus bring this module): the
    # word lists hold 11 MB (93,000 objects) that a session setting no passphrase never uses;
    # the import takes ~50 ms once, at the first letter typed.
    from zxcvbn import zxcvbn

    words = [w for w in (*_CONTEXT, *context) if w and len(w) <= 100]
    result = zxcvbn(passphrase[:_MAX_CHECKED], user_inputs=words)
    score = max(0, min(4, int(result["score"])))
    feedback = result.get("feedback") or {}
    hint = HINTS[score]
    if score < ACCEPTABLE and len(passphrase) < 12:
        hint = "Too short. Use at least 12 characters, for example three or four unrelated words."
    return Strength(
        score,
        LABELS[score],
        hint,
        warning=str(feedback.get("warning") or "") if score < ACCEPTABLE else "",
        suggestions=tuple(str(s) for s in feedback.get("suggestions") or ())
        if score < ACCEPTABLE
        else (),
    )


def warm_up() -> None:
    """Import zxcvbn and rate once, on a reader while the coach types the current passphrase,
    so the rating of the new one's first key comes back at once."""
    passphrase_strength("warm up the word lists", ())
