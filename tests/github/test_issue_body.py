"""An issue opened from a form is read as GitHub writes its body: `### Label`, the answer, `_No response_` for a blank."""

from __future__ import annotations

from pathlib import Path

from hub_build.github.issue_body import read_answers

BODIES = Path(__file__).resolve().parent / "bodies"
LABELS = ("Working title", "The question customers ask", "Notes", "Channels")


def test_answers_are_read_by_their_labels_from_a_body_with_crlf_line_ends() -> None:
    answers = read_answers((BODIES / "crlf-with-blank-and-checkboxes.md").read_text(encoding="utf-8"), LABELS)

    assert answers.get("Working title") == "What does a renewal cost us?"
    # A heading that is not one of the form's labels is part of the answer above it.
    assert answers.get("The question customers ask") == "Why did our renewal price go up?\n\n### Heading inside"
    assert answers.missing == ()


def test_a_question_left_blank_has_no_answer() -> None:
    answers = read_answers((BODIES / "crlf-with-blank-and-checkboxes.md").read_text(encoding="utf-8"), LABELS)

    assert answers.get("Notes") is None
    assert "Notes" not in answers.given


def test_ticked_checkboxes_are_read_whatever_the_case_of_the_mark() -> None:
    answers = read_answers((BODIES / "crlf-with-blank-and-checkboxes.md").read_text(encoding="utf-8"), LABELS)

    assert answers.ticked("Channels") == ["Blog", "LinkedIn"]
    assert answers.ticked("Notes") == []


def test_a_body_not_written_from_the_form_names_the_questions_it_lacks() -> None:
    answers = read_answers("I have an idea: a webinar on renewals!", LABELS)

    assert answers.given == {}
    assert answers.missing == LABELS


def test_a_label_repeated_in_an_answer_does_not_start_a_second_answer() -> None:
    body = "### Working title\n\nFirst\n\n### Notes\n\nSee below\n### Working title\nnot a new answer\n"

    answers = read_answers(body, ("Working title", "Notes"))

    assert answers.get("Working title") == "First"
    assert answers.get("Notes") == "See below\n### Working title\nnot a new answer"
