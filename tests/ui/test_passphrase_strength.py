"""Passphrase strength is zxcvbn's estimate: keyboard runs and common passwords with digits
tacked on are weak, however many character classes they use; unrelated words are good
(issue 15, item 12)."""

from __future__ import annotations

import pytest

from recoverydesk.ui.passphrase_strength import passphrase_strength


@pytest.mark.parametrize("weak", ["Qwerty123456", "Password1234!", "letmein2026", "kitten1"])
def test_common_patterns_are_weak_and_refused(weak):
    strength = passphrase_strength(weak)
    assert strength.label in ("Very weak", "Weak") and not strength.acceptable
    assert strength.warning or strength.suggestions  # zxcvbn says why


@pytest.mark.parametrize("good", ["harbour velvet pickle orbit", "purple lagoon bench tea",
                                  "seagull on the jetty at dawn"])
def test_four_unrelated_words_are_good(good):
    strength = passphrase_strength(good)
    assert strength.label in ("Good", "Strong") and strength.acceptable
    assert "cannot be recovered if forgotten" in strength.hint and strength.advice == ""


def test_the_practice_name_and_app_name_make_a_passphrase_guessable():
    assert not passphrase_strength("SunnyCoast2026", ["SunnyCoast"]).acceptable
    assert not passphrase_strength("recoverydesk2026!").acceptable


def test_empty_and_very_long_passphrases_are_rated_without_error():
    assert passphrase_strength("").score == 0 and not passphrase_strength("").acceptable
    assert passphrase_strength("harbour velvet pickle orbit " * 10).acceptable
    assert not passphrase_strength("a" * 500).acceptable
