"""``govsim explore``: the model in a browser, as a local Solara app.

:mod:`~govsim.app.explore.session` holds the dials, the stepped model and the TOML
export, and :mod:`~govsim.app.explore.views` the views' frames and figures, without
the web framework; :mod:`~govsim.app.explore.page` is the page, with its controls
(``controls``), views (``panels``) and comparison (``compare_panel``).
"""
