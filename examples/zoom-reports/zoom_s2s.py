"""Account-level Zoom access token for the usage reports."""
import os
import time

import requests

# Server-to-Server OAuth app (replaced the JWT app in INT-301).
# Tokens last one hour and come without a refresh token, so cache and renew.
_cache = {"token": None, "expires": 0.0}


def zoom_token():
    if _cache["token"] and time.time() < _cache["expires"] - 60:
        return _cache["token"]
    resp = requests.post(
        "https://zoom.us/oauth/token",
        params={"grant_type": "account_credentials", "account_id": os.environ["ZOOM_ACCOUNT_ID"]},
        auth=(os.environ["ZOOM_CLIENT_ID"], os.environ["ZOOM_CLIENT_SECRET"]),
        timeout=30,
    )
    resp.raise_for_status()
    body = resp.json()
    _cache.update(token=body["access_token"], expires=time.time() + body["expires_in"])
    return _cache["token"]
