"""Text a model wrote, on its way to a browser.

Form cells are data typed by whoever filled in the form, so they are escaped (prompts.escape_md) wherever they
are shown as Markdown or HTML: a cell holding ``![x](http://…)`` must not make every viewer's browser fetch an image,
and a ``|`` must not break the table. Text a model wrote may echo such cells, so images and HTML tags in it are
made inert too.
"""
from __future__ import annotations

import re

_TAG = re.compile(r"<(?=[A-Za-z/!?])")  # an HTML tag or comment opening; one character of look-ahead, linear


def inert_markdown(text: str) -> str:
    """Markdown from a model with images and HTML disabled (「![a](u)」 → 「!［a］(u)」, 「<img」 → 「＜img」); the
    tables, emphasis and links it may use are left as they are."""
    return _TAG.sub("＜", text.replace("![", "!［"))
