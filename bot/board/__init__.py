"""The manager's board (看板): server-rendered pages mounted on `zhangfang serve` at /board (routes.py).

Every figure is a `Query` run through domain.executor.execute — the chat's own path — for the signed-in
person's Viewer (panels.py); tables and chart data are formatted by the chat's renderer (view.py). Sign-in is a
one-time link from chat or the platform's own OAuth (signin.py, wecom_oauth.py).
"""
