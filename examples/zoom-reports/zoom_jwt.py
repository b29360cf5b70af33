"""Monthly meeting usage report for the finance team."""
import time

import jwt  # PyJWT
import requests

# Zoom JWT app credentials (Zoom deactivated all JWT apps on Sept 8 2023).
ZOOM_API_KEY = "W72RO9N5IGjzgVTsOE7pYO"
ZOOM_API_SECRET = "LXI6WtYGc7W6UA7a9ItW80sKaK4X0OvT3MI2"


def zoom_token(ttl=3600):
    payload = {"iss": ZOOM_API_KEY, "exp": int(time.time()) + ttl}
    return jwt.encode(payload, ZOOM_API_SECRET, algorithm="HS256")


def meetings_report(user_id="me", month="2023-08"):
    resp = requests.get(
        f"https://api.zoom.us/v2/report/users/{user_id}/meetings",
        headers={"Authorization": f"Bearer {zoom_token()}"},
        params={"from": f"{month}-01", "to": f"{month}-31", "page_size": 300},
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()["meetings"]
