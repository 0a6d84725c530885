"""CVs to PDF and to a preview image, with Qt (QPdfWriter + QPainter; no other PDF library).

    from ui.cv_pdf import render_pdf, render_preview
    result = render_pdf(cv, Path("cv.pdf"), template="band", lang="ar")
    if not result.fits:
        say(result.explain())          # "Your CV is too long for one page..."
    image, result = render_preview(cv, width=600, template="classic")

Both may run on a worker thread (`ui.tasks.Tasks.run`). Templates are listed, without Qt, in
`kiosk.cv.templates.TEMPLATES`.
"""

from ui.cv_pdf.html import DENSITIES, Density
from ui.cv_pdf.render import RenderResult, layout_cv, render_pdf, render_preview

__all__ = ["DENSITIES", "Density", "RenderResult", "layout_cv", "render_pdf", "render_preview"]
