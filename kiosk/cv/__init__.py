"""Make my CV: the model, validation, JSON Resume exchange, suggestions and saved spaces.

No Qt here: the PDF renderer lives in `ui.cv_pdf`. The wizard works with:

- `model`: `CV` and its parts (immutable; `cv.replace`, `cv.add`, `cv.put`, `cv.remove`)
- `validation`: `clean_name`, `clean_phone`, `clean_email`, `clean_period`... raising
  `FieldError` (a `UserError`), and `problems(cv, today)` for the whole CV
- `dates`: `parse_period("2019 to 2021")`, `format_period(period, lang)`
- `suggestions`: `vocabulary()`: skills, tasks, "about me" sentences, levels, licences,
  and the printed CV's words in fr, en, ar
- `jsonresume`: `to_json_resume(cv)`, `from_json_resume(data)`
- `printed`: `printable(cv, lang)`, the CV as the renderer lays it out
- `drafts`: autosave of the CV being made (walk-in session or saved space)
- `spaces`: "keep my CV for next time" (first name + 6-digit code), expiry, deletion
- `templates`: the names and descriptions of the PDF templates
"""
