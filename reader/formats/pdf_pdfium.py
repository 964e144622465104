"""The PDF engine: PDFium through pypdfium2, reading characters with their text object and position.

PDFium's text page lists the characters of a page with the text object (one `Tj`/`TJ`) each comes
from; a run of characters from one object is one `Run`, as pypdf's runs are one show-text operator,
in the same drawing order. PDFium measures advances, so a run also knows where it ends. The spaces
and line breaks PDFium generates itself (characters of no object) are its guesses and are left
out; the spaces the PDF draws are kept, as pypdf keeps them, so the same line builder decides.
Calls go through ctypes one character at a time, so the hot loop asks for nothing but the
character's object; positions, sizes and fonts are asked once a run or once an object.

PDFium is not thread-safe: one lock serialises every document it reads in this process.
"""

from __future__ import annotations

import ctypes
import math
import threading
from typing import Any

from reader.errors import InputError
from reader.formats.pdf_runs import DIRTY, MAX_PAGE_OBJECTS, MAX_PAGES, Budget, Run, clean_text

_LOCK = threading.Lock()
_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
_TEXT = 1  # FPDF_PAGEOBJ_TEXT
_FORM = 5  # FPDF_PAGEOBJ_FORM
_NAME_SIZE = 256
# PDFium reports a hyphen that ends a line as U+FFFE (older builds: U+0002); the PDF drew a hyphen
_HYPHENS = str.maketrans({"\ufffe": "-", "\x02": "-"})


def pdfium_page_runs(data: bytes, name: str) -> list[list[Run]]:
    """The runs of every page, in PDFium's reading order."""
    import pypdfium2 as pdfium

    with _LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            if error.err_code == _PASSWORD_ERROR:
                raise InputError(f"{name}: the PDF is encrypted with a password") from None
            raise InputError(f"{name}: a damaged PDF ({_describe(error)})") from None
        try:
            return _document_runs(document, name)
        finally:
            document.close()


def _describe(error: Exception) -> str:
    text = " ".join(str(error).split())[:120]
    return text or type(error).__name__


def _document_runs(document: Any, name: str) -> list[list[Run]]:
    count = len(document)
    if count == 0:
        raise InputError(f"{name}: the PDF has no pages")
    if count > MAX_PAGES:
        raise InputError(f"{name}: {count} pages is too long for a letter")
    calls = _Calls()
    budget = Budget(name)
    pages: list[list[Run]] = []
    for index in range(count):
        page = document[index]
        try:
            pages.append(calls.page_runs(page, index + 1, budget))
        finally:
            page.close()
    return pages


class _Calls:
    """PDFium's functions as ctypes prototypes on plain addresses: no pointer objects in the hot loop."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        def bind(function: Any, restype: Any, *argtypes: Any) -> Any:
            address = ctypes.cast(function, ctypes.c_void_p).value or 0
            return ctypes.CFUNCTYPE(restype, *argtypes)(address)

        vp, i = ctypes.c_void_p, ctypes.c_int
        self.count_chars = bind(raw.FPDFText_CountChars, i, vp)
        self.get_text = bind(raw.FPDFText_GetText, i, vp, i, i, vp)
        self.get_unicode = bind(raw.FPDFText_GetUnicode, ctypes.c_uint, vp, i)
        self.text_object = bind(raw.FPDFText_GetTextObject, vp, vp, i)
        self.origin = bind(raw.FPDFText_GetCharOrigin, i, vp, i, vp, vp)
        self.loose_box = bind(raw.FPDFText_GetLooseCharBox, i, vp, i, vp)
        self.matrix = bind(raw.FPDFText_GetMatrix, i, vp, i, vp)
        self.font_size = bind(raw.FPDFText_GetFontSize, ctypes.c_double, vp, i)
        self.font_info = bind(raw.FPDFText_GetFontInfo, ctypes.c_ulong, vp, i, vp, ctypes.c_ulong, vp)
        self.page_count = bind(raw.FPDFPage_CountObjects, i, vp)
        self.page_object = bind(raw.FPDFPage_GetObject, vp, vp, i)
        self.object_type = bind(raw.FPDFPageObj_GetType, i, vp)
        self.form_count = bind(raw.FPDFFormObj_CountObjects, i, vp)
        self.form_object = bind(raw.FPDFFormObj_GetObject, vp, vp, ctypes.c_ulong)
        self.object_matrix = bind(raw.FPDFPageObj_GetMatrix, i, vp, vp)
        self.object_font_size = bind(raw.FPDFTextObj_GetFontSize, i, vp, vp)
        self._size = ctypes.c_float()
        self._size_at = ctypes.addressof(self._size)
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._xy = (ctypes.addressof(self._x), ctypes.addressof(self._y))
        self._rect = raw.FS_RECTF()
        self._rect_at = ctypes.addressof(self._rect)
        self._m = raw.FS_MATRIX()
        self._m_at = ctypes.addressof(self._m)
        self._name = ctypes.create_string_buffer(_NAME_SIZE)

    def page_runs(self, page: Any, number: int, budget: Budget) -> list[Run]:
        """The page's runs in drawing order, as the content stream shows them.

        ``seq`` is the drawing order (the text object's place in the page's object list), so the
        builder sees what pypdf shows it: show-text operators one after another, spaces included.
        PDFium's text page leaves out text objects drawing nothing but spaces; those are put back
        as blank runs where they stand, because a space drawn between two runs is what tells a
        justified line's word space from a word Word cut in two.
        """
        address = ctypes.cast(page.raw, ctypes.c_void_p).value or 0
        order, top_text = self._walk(address)
        budget.page_objects(number, len(order))
        textpage = page.get_textpage()
        try:
            tp = ctypes.cast(textpage.raw, ctypes.c_void_p).value or 0
            drawn = self._chars(tp, number, budget)
        finally:
            textpage.close()
        seen = {obj for obj, _, _ in drawn}
        for obj in top_text:
            if obj not in seen:
                blank = self._blank(obj)
                if blank is not None:
                    drawn.append((obj, 0, blank))
        drawn.sort(key=lambda item: (order.get(item[0], 0), item[1]))
        runs = [run for _, _, run in drawn]
        for seq, run in enumerate(runs):
            run.seq = seq
        return runs

    def _walk(self, page: int) -> tuple[dict[int, int], list[int]]:
        """Every page object in drawing order (inside form XObjects too), and the page's own text objects.

        Counting them bounds the work before PDFium builds the text page, which costs the most.
        """
        order: dict[int, int] = {}
        top_text: list[int] = []
        pending = [(self.page_object(page, k), True) for k in range(max(self.page_count(page), 0))]
        pending.reverse()
        while pending:
            obj, on_page = pending.pop()
            if not obj:
                continue
            order[obj] = len(order)
            if len(order) > MAX_PAGE_OBJECTS:
                break  # already more than a page may hold: the budget refuses it
            kind = self.object_type(obj)
            if kind == _TEXT and on_page:
                top_text.append(obj)
            elif kind == _FORM:
                inner = [(self.form_object(obj, k), False) for k in range(max(self.form_count(obj), 0))]
                pending.extend(reversed(inner))
        return order, top_text

    def _chars(self, tp: int, number: int, budget: Budget) -> list[tuple[int, int, Run]]:
        """Runs of characters from one text object: (object, piece of that object, run)."""
        count: int = self.count_chars(tp)
        budget.page_chars(number, max(count, 0))
        if count <= 0:
            return []
        text = self._text(tp, count)
        dirty = DIRTY.search(text) is not None
        drawn: list[tuple[int, int, Run]] = []
        fonts: dict[int, tuple[float, bool, bool]] = {}  # object -> (size, bold, left out)
        pieces: dict[int, int] = {}
        text_object = self.text_object
        current: int | None = None
        start = 0
        for index in range(count + 1):
            obj = text_object(tp, index) if index < count else None
            if obj != current:
                if current is not None:
                    run = self._run(tp, current, text, start, index, fonts, dirty)
                    if run is not None:
                        piece = pieces[current] = pieces.get(current, -1) + 1
                        drawn.append((current, piece, run))
                current = obj
                start = index
        return drawn

    def _text(self, tp: int, count: int) -> str:
        """The page's characters, one `str` character per PDFium character."""
        buffer = (ctypes.c_ushort * (count + 1))()
        self.get_text(tp, 0, count, ctypes.addressof(buffer))
        units = memoryview(buffer).cast("B").tobytes()[: 2 * count]
        text = units.decode("utf-16-le", "surrogatepass")
        if len(text) == count:
            return text  # lone surrogates stay lone (one unit each); clean_text replaces them
        # a character outside the BMP took two units: ask one character at a time
        return "".join(_char(self.get_unicode(tp, k)) for k in range(count))

    def _run(
        self,
        tp: int,
        obj: int,
        text: str,
        start: int,
        end: int,
        fonts: dict[int, tuple[float, bool, bool]],
        dirty: bool,
    ) -> Run | None:
        piece = clean_text(text[start:end].translate(_HYPHENS)) if dirty else text[start:end]
        if not piece:
            return None
        font = fonts.get(obj)
        if font is None:
            font = fonts[obj] = self._font(tp, start)
        size, bold, left_out = font
        if left_out:
            return None
        self.origin(tp, start, *self._xy)
        x, y = self._x.value, self._y.value
        right = x
        if self.loose_box(tp, end - 1, self._rect_at):
            right = max(x, float(self._rect.right))
        return Run(piece, x, y, size, bold, 0, right)

    def _blank(self, obj: int) -> Run | None:
        """A text object the text page left out (it draws only spaces), as a blank run where it stands."""
        m = self._m
        if not self.object_matrix(obj, self._m_at) or not self.object_font_size(obj, self._size_at):
            return None
        if abs(m.b) > abs(m.a) * 0.2 + 1e-9:
            return None
        size = round(self._size.value * math.hypot(m.c, m.d), 2)
        if size < 1.5:
            return None
        return Run(" ", m.e, m.f, size, False, 0, m.e + 0.25 * size)

    def _font(self, tp: int, index: int) -> tuple[float, bool, bool]:
        """The object's type size in points on the page, whether it is bold, and whether to leave it out."""
        m = self._m
        if not self.matrix(tp, index, self._m_at):
            return 0.0, False, True
        if abs(m.b) > abs(m.a) * 0.2 + 1e-9:
            return 0.0, False, True  # rotated text: margin notes and stamps, not part of the letter
        size = round(self.font_size(tp, index) * math.hypot(m.c, m.d), 2)
        if size < 1.5:
            return size, False, True  # invisible text (Word's 1-pt spacer paragraphs)
        length = self.font_info(tp, index, ctypes.addressof(self._name), _NAME_SIZE, None)
        base = self._name.value.decode("latin-1") if 0 < length <= _NAME_SIZE else ""
        return size, "Bold" in base or "Black" in base, False


def _char(code: int) -> str:
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return "\ufffd"
