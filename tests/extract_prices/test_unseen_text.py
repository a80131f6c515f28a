"""Text a reader never sees (scripts, styles, JSON state, templates, noscript, comments) never
becomes a price, a phone number, a practitioner or a register number."""

from __future__ import annotations

from samples import cms
from samples.generator import iter_sites
from samples.render import render_path
from spiders.pages import extract_page

HOSTILE = """<!doctype html><html lang="en-GB"><head><title>Lip filler | Rowan Skin</title>
<script>var cfg = {"price": "Lip filler £1", "tel": "Call 0161 496 0999", "doctor": "Dr Hostile Script GMC 7123456"};</script>
<script type="application/json" id="__NEXT_DATA__">{"props":{"staff":[{"name":"Nurse Jsonia State","nmc":"12A3456E"}],
 "services":[{"name":"Botox 3 areas","price":"£2"}]}}</script>
<style>.badge::before{content:"Profhilo £3 - phone 0161 496 0998"}</style></head>
<body><header><a href="/">Rowan Skin</a></header>
<noscript>Tel: 0161 496 0997. Lip filler £4.</noscript>
<template><div class="card"><h3>Dr Template Ghost</h3><p>Botox 1 area £5</p></div></template>
<!-- Dr Comment Person, cheek filler £6, call 0161 496 0996 -->
<main><h1>Lip filler</h1><table><tr><td>Lip filler 1ml</td><td>£280</td></tr></table>
<p>Treatments are carried out by Dr Amara Nwosu (GMC 7654321).</p></main>
<footer><div class="contact"><script>window.chat = {"greeting": "Tel: 0161 496 0995"};</script>
<noscript>Phone 0161 496 0994</noscript>Rowan Skin, 4 Mill Lane, Manchester M1 2AB<br>Telephone: 0161 496 0123</div></footer>
</body></html>"""


def test_a_hostile_page_gives_only_what_a_reader_sees():
    ex = extract_page(HOSTILE.encode(), "https://rowanskin.example/lip-filler/")
    assert [(p.treatment, p.amount) for p in ex.prices] == [("dermal_filler", 280.0)]
    assert ex.money == []
    assert [p.name for p in ex.practitioners] == ["Amara Nwosu"]
    values = {c.value for p in ex.practitioners for c in p.credentials}
    assert "7123456" not in values and "12A3456E" not in values
    assert ex.clinic.phone == "+441614960123"


def test_cms_pages_leak_nothing_from_their_chrome():
    """Every page of a CMS-shaped site: no phantom from its scripts, styles and state."""
    checked = 0
    for spec in iter_sites(8, 7, 0):
        for page in spec.pages:
            status, ctype, body = render_path(spec, page.path, 8000, "cms")
            if status != 200 or "html" not in ctype:
                continue
            ex = extract_page(body, f"http://{spec.host}:8000{page.path}", content_type=ctype)
            names = {p.name for p in ex.practitioners}
            assert not {"Imelda Phantom", "Orla Decoy"} & names, (spec.site, page.path)
            assert all(c.value != cms.PHANTOM_GMC for p in ex.practitioners for c in p.credentials)
            assert ex.clinic.phone is None or "79460999" not in ex.clinic.phone
            assert not [p for p in ex.prices if p.amount in (1.0, 2.0, 3.0, 4.99, 9.0)], (spec.site, page.path)
            checked += 1
    assert checked > 40
