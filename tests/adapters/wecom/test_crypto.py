"""Known answers for the WeCom callback crypto, from wechatpy's own test suite (tests/test_crypto.py,
CryptoTestCase: token 123456, corp wx49f0ab532d5d035a), plus the refusals around them."""

from __future__ import annotations

import pytest

from adapters.wecom.inbound import CallbackCrypto, Refused, to_incoming

TOKEN = "123456"
AES_KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR"
CORP_ID = "wx49f0ab532d5d035a"

URL_CHECK = {
    "msg_signature": "dd6b9c95b495b3f7e2901bfbc76c664930ffdb96",
    "timestamp": "1411443780",
    "nonce": "437374425",
    "echostr": "4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==",
}
MESSAGE_PARAMS = {"msg_signature": "74d92dfeb87ba7c714f89d98870ae5eb62dff26d", "timestamp": "1411525903",
                  "nonce": "461056294"}
MESSAGE_BODY = b"""<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>
<Encrypt><![CDATA[RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=]]></Encrypt>
<AgentID><![CDATA[1]]></AgentID>
</xml>"""


def crypto_at(epoch: float, corp_id: str = CORP_ID, token: str = TOKEN) -> CallbackCrypto:
    return CallbackCrypto(token, AES_KEY, corp_id, epoch=lambda: epoch)


def test_known_message_decrypts_to_the_documented_text() -> None:
    fields = crypto_at(1411525903 + 5).decrypt(MESSAGE_PARAMS, MESSAGE_BODY)
    assert fields["Content"] == "test"
    assert fields["FromUserName"] == "messense"
    message = to_incoming(fields)
    assert message is not None
    assert (message.platform, message.sender_id, message.text) == ("wecom", "messense", "test")


def test_known_url_check_signature_is_accepted() -> None:
    # wechatpy's vector only checks that no exception is raised; the plaintext it carries is this number
    assert crypto_at(1411443780).verify_url(URL_CHECK) == "5927782489442352469"


@pytest.mark.parametrize("change", [
    {"msg_signature": "dd6b9c95b495b3f7e2901bfbc76c664930ffdb97"},  # one hex digit off
    {"nonce": "437374424"},  # the wechatpy vector for a failing check
    {"echostr": ""},
    {"msg_signature": ""},
])
def test_url_check_refused_when_anything_is_off(change: dict[str, str]) -> None:
    with pytest.raises(Refused):
        crypto_at(1411443780).verify_url({**URL_CHECK, **change})


def test_message_for_another_corp_is_refused() -> None:
    with pytest.raises(Refused):
        crypto_at(1411525903, corp_id="wwsomeothercorp").decrypt(MESSAGE_PARAMS, MESSAGE_BODY)


def test_message_with_another_token_is_refused() -> None:
    with pytest.raises(Refused):
        crypto_at(1411525903, token="654321").decrypt(MESSAGE_PARAMS, MESSAGE_BODY)


def test_tampered_ciphertext_is_refused() -> None:
    tampered = MESSAGE_BODY.replace(b"RgqEoJj5", b"RgqEoJj6")
    with pytest.raises(Refused):
        crypto_at(1411525903).decrypt(MESSAGE_PARAMS, tampered)


@pytest.mark.parametrize("offset", [3601, -3601, 86400 * 365])
def test_message_outside_the_hour_is_refused(offset: int) -> None:
    with pytest.raises(Refused):
        crypto_at(1411525903 + offset).decrypt(MESSAGE_PARAMS, MESSAGE_BODY)


def test_garbage_is_refused_not_raised() -> None:
    for body in (b"", b"not xml", b"<xml><Encrypt>!!!</Encrypt></xml>", b"x" * (65 * 1024)):
        with pytest.raises(Refused):
            crypto_at(1411525903).decrypt(MESSAGE_PARAMS, body)
