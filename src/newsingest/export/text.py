"""Plain text: the title, then the body blocks separated by blank lines (for search indexes).

Furniture and the repair log are never included.
"""

from __future__ import annotations

from newsingest.model import BlockType, Document


def render_text(doc: Document) -> str:
    """Title then body blocks; tables as tab-separated rows; furniture never included."""
    parts: list[str] = []
    if doc.metadata.title:
        parts.append(doc.metadata.title)
    for block in doc.blocks:
        if block.type is BlockType.TABLE and block.rows:
            parts.append("\n".join("\t".join(row) for row in block.rows))
        elif block.type is BlockType.LIST_ITEM and block.marker and not block.text.startswith(
            block.marker
        ):
            parts.append(f"{block.marker} {block.text}")
        else:
            parts.append(block.text)
    return "\n\n".join(p for p in parts if p) + ("\n" if parts else "")
