"""schema.org descriptions of the pages as JSON-LD: Dataset (home), Event (editions), Person, Organization."""

from __future__ import annotations

import json

from .facts import Facts

ATTENDANCE = {"offline": "https://schema.org/OfflineEventAttendanceMode",
              "online": "https://schema.org/OnlineEventAttendanceMode",
              "hybrid": "https://schema.org/MixedEventAttendanceMode"}
ORGANIZER_KINDS = ("host", "co-host", "undertaker", "organizer")


def script_json(obj: dict):
    """JSON safe inside a <script> data block: '<', '>' and '&' escaped as \\u sequences (markup, not text)."""
    from markupsafe import Markup

    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _names(facts: Facts, eid: str, *cells: str) -> list[str]:
    seen = dict.fromkeys(c for c in cells if c)
    for n in facts.d.names.get(eid, []):
        if n["property"] == "name":
            seen.setdefault(n["name"], None)
    return list(seen)


def dataset(descriptor: dict, url: str, downloads: list[tuple[str, str, str]]) -> dict:
    """The package as a schema.org Dataset; ``downloads`` are (name, media type, address)."""
    licences = [lic.get("path") for lic in descriptor.get("licenses", []) if isinstance(lic, dict) and lic.get("path")]
    return {"@context": "https://schema.org", "@type": "Dataset", "name": str(descriptor.get("title", "")),
            "description": str(descriptor.get("description", "")), "version": str(descriptor.get("version", "")),
            "url": url, "sameAs": str(descriptor.get("homepage", "")), "license": licences[0] if licences else "",
            "keywords": [str(k) for k in descriptor.get("keywords", [])], "isAccessibleForFree": True,
            "creator": {"@type": "Organization", "name": "cicc-data contributors"},
            "distribution": [{"@type": "DataDownload", "name": n, "encodingFormat": m, "contentUrl": u}
                             for n, m, u in downloads]}


def event(facts: Facts, eid: str, url: str, org_url) -> dict:
    e = facts.d.edition[eid]
    organizers = [r["organization_id"] for r in facts.d.rows_by("roles", "edition_id", page_order=True).get(eid, [])
                  if not r.get("person_id")
                  and r["role_kind"] in ORGANIZER_KINDS and not (r.get("event_id") or r.get("subforum_id"))]
    place = {"@type": "Place", "name": e.get("venue_en") or e.get("venue_zh") or e.get("city_en", ""),
             "address": {"@type": "PostalAddress", "addressLocality": e.get("city_en", ""),
                         "addressRegion": e.get("province_en", ""), "addressCountry": "CN"}}
    out = {"@context": "https://schema.org", "@type": "Event", "name": e["name_en"],
           "alternateName": _names(facts, eid, e.get("name_zh", "")), "startDate": e.get("start_date", ""),
           "endDate": e.get("end_date") or e.get("start_date", ""), "url": url, "location": place,
           "eventStatus": "https://schema.org/EventScheduled", "identifier": eid,
           "organizer": [{"@type": "Organization", "name": facts.en_name(o, facts.d.org[o]) or facts.d.org[o]["name_zh"],
                          "url": org_url(o)} for o in dict.fromkeys(organizers) if o in facts.d.org]}
    if e.get("format") in ATTENDANCE:
        out["eventAttendanceMode"] = ATTENDANCE[e["format"]]
    return out


def person(facts: Facts, pid: str, url: str) -> dict:
    p = facts.d.person[pid]
    return {"@context": "https://schema.org", "@type": "Person", "name": p["name_en"] or p.get("name_zh", ""),
            "alternateName": _names(facts, pid, p.get("name_zh", "")), "identifier": pid, "url": url}


def organization(facts: Facts, oid: str, url: str, org_url) -> dict:
    o = facts.d.org[oid]
    out = {"@context": "https://schema.org", "@type": "Organization",
           "name": facts.en_name(oid, o) or o.get("name_zh", ""), "identifier": oid, "url": url,
           "alternateName": _names(facts, oid, o.get("name_zh", ""))}
    parent = o.get("parent_organization_id")
    if parent in facts.d.org:
        out["parentOrganization"] = {"@type": "Organization", "name": facts.en_name(parent, facts.d.org[parent])
                                     or facts.d.org[parent]["name_zh"], "url": org_url(parent)}
    return out
