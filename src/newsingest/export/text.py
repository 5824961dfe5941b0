"""Plain text: the title, then the body blocks separated by blank lines (for search indexes).

Captions are marked as such and tables are drawn as padded pipe tables, so both stay readable
and are not mistaken for body paragraphs. Furniture and the repair log are never included.
"""

from __future__ import annotations

from newsingest.export.markdown import pipe_table
from newsingest.model import Block, BlockType, Document


def _block(block: Block) -> str:
    if block.type is BlockType.TABLE and block.rows:
        return pipe_table(block.rows)
    if block.type is BlockType.CAPTION:
        return f"[Caption: {block.text}]"
    if block.type is BlockType.LIST_ITEM:
        return "  " * (block.depth or 0) + f"{block.marker or '-'} {block.text}"
    return block.text


def render_text(doc: Document) -> str:
    """Title then body blocks; captions marked, tables as pipe tables, furniture never included."""
    parts: list[str] = []
    if doc.metadata.title:
        parts.append(doc.metadata.title)
    parts += [_block(block) for block in doc.blocks]
    return "\n\n".join(p for p in parts if p) + ("\n" if parts else "")
