"""The comment `hub diff` writes fits in one GitHub comment, whatever the pull request changes."""

from __future__ import annotations

from hub_build.github.diff_comment import MAX_CHARACTERS, fit


def test_a_comment_too_long_for_github_is_cut_at_a_line_and_says_how_much_is_left() -> None:
    lines = [f"- Idea number {n}: status proposed → accepted" for n in range(3000)]

    comment = fit("\n".join(lines) + "\n")

    assert len(comment) <= MAX_CHARACTERS < 65_536
    kept = comment.split("\n\n…")[0].splitlines()
    assert kept == lines[: len(kept)]
    assert comment.endswith(
        f"…and {3000 - len(kept)} more lines, too many for one comment: "
        "run `hub diff` on this branch to read them all.\n"
    )


def test_a_comment_that_fits_is_left_whole() -> None:
    assert fit("- MQL: added\n") == "- MQL: added\n"
