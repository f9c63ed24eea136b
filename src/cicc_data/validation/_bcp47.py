"""The subtags a BCP 47 language tag of this package may use: ISO 639-1 languages (and a few
ISO 639-3 Chinese languages), ISO 15924 scripts in use for the languages concerned, ISO 3166-1
regions. A tag is language[-script][-region], matched case-insensitively."""

from __future__ import annotations

LANGUAGES = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz
ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik
io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml
mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd
se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi
vo wa wo xh yi yo za zh zu
cmn yue wuu nan hak gan hsn cjy
""".split())

SCRIPTS = frozenset("""
hans hant hani latn cyrl arab grek hebr deva beng taml telu knda mlym gujr guru orya sinh thai laoo khmr
mymr tibt mong geor armn ethi jpan hira kana kore hang bopo yiii
""".split())

REGIONS = frozenset("""
ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw
by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et fi
fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in
io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me
mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf
pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv
sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg vi vn vu wf ws ye
yt za zm zw
""".split())


def tag_problem(tag: str) -> str | None:
    """Why ``tag`` is not a BCP 47 language tag of the form language[-script][-region], or None."""
    parts = tag.split("-")
    lang, rest = parts[0].lower(), [p.lower() for p in parts[1:]]
    if lang not in LANGUAGES:
        return f"{parts[0]!r} is not an ISO 639 language code"
    if rest and len(rest[0]) == 4:
        if rest[0] not in SCRIPTS:
            return f"{parts[1]!r} is not an ISO 15924 script code"
        rest = rest[1:]
    if rest and (len(rest[0]) == 2 and rest[0] in REGIONS or len(rest[0]) == 3 and rest[0].isdigit()):
        rest = rest[1:]
    if rest:
        return f"{'-'.join(rest)!r} is not a script or region subtag"
    return None
