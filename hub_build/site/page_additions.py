"""What the hub adds to a page's Markdown once it is written, generated or hand-written alike.

The engines hand the hub's own pages and the hand-written ones in docs/ through the
same steps: the buttons that propose an idea go where a page asks for them, and
"Something wrong or missing?" at the end opens an issue named after the page's title.
"""

from __future__ import annotations

import posixpath

NEW_IDEA_MARKER = "<!-- hub:new-idea-button -->"


def fill_markers(markdown: str, *, new_idea_url: str | None, idea_form_url: str | None = None) -> str:
    """Put the buttons that propose an idea where a page asks for them: the form first, where the hub has one,
    then the Git host's editor prefilled with a new idea file, for those who use Git."""
    if NEW_IDEA_MARKER not in markdown or not (new_idea_url or idea_form_url):
        return markdown
    buttons = []
    if idea_form_url:
        buttons.append(
            f"[:material-form-select: Propose an idea with a form]({idea_form_url})"
            "{ .md-button .md-button--primary target=_blank }"
        )
    if new_idea_url:
        label, style = (
            ("Write the file in GitHub's editor", ".md-button")
            if idea_form_url
            else ("Propose an idea in your browser", ".md-button .md-button--primary")
        )
        buttons.append(f"[:material-file-plus: {label}]({new_idea_url}){{ {style} target=_blank }}")
    return markdown.replace(NEW_IDEA_MARKER, "\n".join(buttons))


def heading_of(markdown: str, uri: str) -> str:
    """A hand-written page's title: its first `# ` heading, else its file name."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return posixpath.splitext(posixpath.basename(uri))[0].replace("-", " ").capitalize()


def with_correction(markdown: str, url: str | None) -> str:
    """A page's Markdown with "Something wrong or missing?" at its end, opening a new issue about it."""
    if not url:
        return markdown
    return (
        markdown.rstrip("\n") + '\n\n<small class="hub-correction">:material-message-alert-outline: '
        f"[Something wrong or missing?]({url}){{ target=_blank rel=noopener }}</small>\n"
    )
