"""The local web page, ``followlint serve``: paste a draft, see its findings in place, fix and download it.

Needs the ``web`` extra (Starlette and uvicorn); the page itself is plain HTML, CSS and
JavaScript in ``static/``, with nothing loaded from the network.
"""
