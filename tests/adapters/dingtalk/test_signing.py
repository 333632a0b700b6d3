"""DingTalk's HmacSHA256 signatures. The known answer is the documented algorithm (open.dingtalk.com, 自定义机器人
安全设置 / 加签 and the bot callback check) applied to the documentation's sample secret "this is secret" and a
fixed millisecond timestamp, computed independently with OpenSSL:
    printf '1577262236757\\nthis is secret' | openssl dgst -sha256 -hmac 'this is secret' -binary | base64
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from adapters.dingtalk.signing import WINDOW_MS, sign, signed_robot_url, valid_callback

SECRET = "this is secret"
STAMP = 1577262236757
EXPECTED = "hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM="


def test_known_answer() -> None:
    assert sign(STAMP, SECRET) == EXPECTED
    assert sign(str(STAMP), SECRET) == EXPECTED


def test_callback_accepted_within_the_hour_either_side() -> None:
    assert valid_callback(str(STAMP), EXPECTED, SECRET, now=STAMP)
    assert valid_callback(str(STAMP), EXPECTED, SECRET, now=STAMP + WINDOW_MS)
    assert valid_callback(str(STAMP), EXPECTED, SECRET, now=STAMP - WINDOW_MS)


def test_callback_refused_when_expired_forged_or_missing() -> None:
    assert not valid_callback(str(STAMP), EXPECTED, SECRET, now=STAMP + WINDOW_MS + 1)
    assert not valid_callback(str(STAMP), EXPECTED, SECRET, now=STAMP - WINDOW_MS - 1)
    assert not valid_callback(str(STAMP + 1), EXPECTED, SECRET, now=STAMP)  # the sign is for another moment
    assert not valid_callback(str(STAMP), EXPECTED, "another secret", now=STAMP)
    assert not valid_callback(str(STAMP), EXPECTED.lower(), SECRET, now=STAMP)
    for stamp, signature in [(None, EXPECTED), (str(STAMP), None), ("", ""), ("12ab", EXPECTED)]:
        assert not valid_callback(stamp, signature, SECRET, now=STAMP)


def test_signed_robot_url_carries_timestamp_and_url_encoded_sign() -> None:
    url = signed_robot_url("https://oapi.dingtalk.com/robot/send?access_token=abc", SECRET, now=STAMP)
    assert url == ("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1577262236757"
                   "&sign=hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D")
    query = parse_qs(urlsplit(url).query)
    assert query["sign"] == [EXPECTED]
