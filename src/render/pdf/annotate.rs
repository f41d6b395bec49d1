//! What lopdf adds once printpdf has written the pages: nested bookmarks, link annotations
//! (inside the document, to named places, to another PDF), named destinations, the document
//! language, subset tags on embedded fonts, and a `/ID` derived from the content so the same
//! input gives the same bytes. printpdf's bookmarks are flat and its links cannot name a place.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::page::{Draw, Laid, LinkDest, Meta, OutlineEntry};
use super::style::Style;

/// Bookmarks, links, named places, language, no XMP packet, and a content-derived `/ID`; then
/// the bytes.
pub(super) fn finish(pdf: &mut lopdf::Document, laid: &Laid, meta: &Meta, style: &Style) -> Result<Vec<u8>, String> {
    let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    add_links(pdf, laid, meta, &pages, style);
    let catalog_id = pdf.trailer.get(b"Root").and_then(Object::as_reference).ok();
    if let Some(catalog_id) = catalog_id {
        let outline = &laid.outline;
        let outlines = (!outline.is_empty()).then(|| write_outline(pdf, outline, &pages, style));
        let names = (meta.named_destinations && !laid.anchors.is_empty()).then(|| {
            let mut list = Vec::new();
            for (name, (page, y)) in &laid.anchors {
                if let Some(page) = pages.get(*page) {
                    list.push(Object::String(name.as_bytes().to_vec(), StringFormat::Literal));
                    list.push(place(*page, style.page_height - y + 4.0));
                }
            }
            let tree = pdf.add_object(Dictionary::from_iter([("Names", Object::Array(list))]));
            Dictionary::from_iter([("Dests", Object::Reference(tree))])
        });
        if let Ok(catalog) = pdf.get_object_mut(catalog_id).and_then(Object::as_dict_mut) {
            catalog.remove(b"Metadata");
            catalog.set("Lang", Object::String(meta.lang.as_bytes().to_vec(), StringFormat::Literal));
            if let Some(outlines) = outlines {
                catalog.set("Outlines", Object::Reference(outlines));
                catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
            }
            if let Some(names) = names {
                catalog.set("Names", Object::Dictionary(names));
            }
        }
    }
    if meta.created.is_none() {
        let info_id = pdf.trailer.get(b"Info").and_then(Object::as_reference).ok();
        if let Some(info) = info_id.and_then(|id| pdf.get_object_mut(id).ok()).and_then(|o| o.as_dict_mut().ok()) {
            info.remove(b"CreationDate");
            info.remove(b"ModDate");
        }
    }
    tag_subsets(pdf);
    // Placeholder /ID first; replaced below by a digest of everything else.
    let placeholder = b"trustbook-document-id-0000000000".to_vec();
    pdf.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(placeholder.clone(), StringFormat::Literal),
            Object::String(placeholder.clone(), StringFormat::Literal),
        ]),
    );
    // printpdf leaves pictures uncompressed and marked so; Flate keeps them lossless and small.
    for object in pdf.objects.values_mut() {
        if let Object::Stream(stream) = object
            && !stream.dict.has(b"Filter")
            && stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|name| name == b"Image")
        {
            stream.allows_compression = true;
        }
    }
    pdf.compress();
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).map_err(|error| format!("cannot write the PDF: {error}"))?;
    let digest = fingerprint(&bytes);
    let id = format!("{digest:032x}");
    replace_all(&mut bytes, &placeholder, id.as_bytes());
    Ok(bytes)
}

/// A place on a page: `[page /XYZ null top null]`, keeping the reader's zoom.
fn place(page: ObjectId, top: f32) -> Object {
    Object::Array(vec![
        Object::Reference(page),
        Object::Name(b"XYZ".to_vec()),
        Object::Null,
        Object::Real(top),
        Object::Null,
    ])
}

/// Link annotations: web addresses, places in this document, and places in the handbook book
/// (by name) for those this document lacks. A link to a place that exists nowhere is dropped.
fn add_links(pdf: &mut lopdf::Document, laid: &Laid, meta: &Meta, pages: &[ObjectId], style: &Style) {
    for (index, page) in laid.pages.iter().enumerate() {
        let Some(page_id) = pages.get(index) else { continue };
        let mut annotations = Vec::new();
        for draw in &page.draws {
            let Draw::Link { x, y, width, height, dest } = draw else { continue };
            let mut link = Dictionary::from_iter([
                ("Type", Object::Name(b"Annot".to_vec())),
                ("Subtype", Object::Name(b"Link".to_vec())),
                (
                    "Rect",
                    Object::Array(
                        [*x, style.page_height - y - height, x + width, style.page_height - y]
                            .into_iter()
                            .map(Object::Real)
                            .collect(),
                    ),
                ),
                ("Border", Object::Array(vec![Object::Integer(0), Object::Integer(0), Object::Integer(0)])),
            ]);
            let action = |kind: &[u8], entries: Vec<(&str, Object)>| {
                let mut action = Dictionary::from_iter(entries);
                action.set("S", Object::Name(kind.to_vec()));
                Object::Dictionary(action)
            };
            match dest {
                LinkDest::Uri(uri) => {
                    let uri = Object::String(uri.as_bytes().to_vec(), StringFormat::Literal);
                    link.set("A", action(b"URI", vec![("URI", uri)]));
                }
                LinkDest::Named(name) => match (laid.anchors.get(name), &meta.book) {
                    (Some((target, top)), _) => match pages.get(*target) {
                        Some(target) => link.set("Dest", place(*target, style.page_height - top + 4.0)),
                        None => continue,
                    },
                    (None, Some(book)) => {
                        let file = Object::String(book.as_bytes().to_vec(), StringFormat::Literal);
                        let name = Object::String(name.as_bytes().to_vec(), StringFormat::Literal);
                        link.set("A", action(b"GoToR", vec![("F", file), ("D", name)]));
                    }
                    (None, None) => continue,
                },
            }
            annotations.push(Object::Reference(pdf.add_object(link)));
        }
        if annotations.is_empty() {
            continue;
        }
        if let Ok(page) = pdf.get_object_mut(*page_id).and_then(Object::as_dict_mut) {
            page.set("Annots", Object::Array(annotations));
        }
    }
}

/// Names embedded fonts `ABCDEF+Name`, the PDF convention for subsets (printpdf writes
/// `F0+Name`). The tag is derived from the font's position, so it is the same on every build.
fn tag_subsets(pdf: &mut lopdf::Document) {
    for object in pdf.objects.values_mut() {
        let dictionary = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &mut s.dict,
            _ => continue,
        };
        for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
            let Ok(Object::Name(name)) = dictionary.get(key) else { continue };
            let Some(plus) = name.iter().position(|b| *b == b'+') else { continue };
            let digits = &name[1..plus];
            if name.first() != Some(&b'F') || digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                continue;
            }
            let index: usize = std::str::from_utf8(digits).ok().and_then(|d| d.parse().ok()).unwrap_or(0);
            let mut tag = *b"TBKAAA";
            tag[4] = b'A' + (index / 26 % 26) as u8;
            tag[5] = b'A' + (index % 26) as u8;
            let mut renamed = tag.to_vec();
            renamed.extend_from_slice(&name[plus..]);
            dictionary.set(key, Object::Name(renamed));
        }
    }
}

/// Nested outline items from headings (level 1 under nothing, level 2 under the last level 1…).
fn write_outline(pdf: &mut lopdf::Document, outline: &[OutlineEntry], pages: &[ObjectId], style: &Style) -> ObjectId {
    let root_id = pdf.new_object_id();
    let ids: Vec<ObjectId> = outline.iter().map(|_| pdf.new_object_id()).collect();
    // Parent of each entry: the nearest earlier entry with a smaller level.
    let parents: Vec<Option<usize>> =
        (0..outline.len()).map(|i| (0..i).rev().find(|j| outline[*j].level < outline[i].level)).collect();
    let children =
        |parent: Option<usize>| -> Vec<usize> { (0..outline.len()).filter(|i| parents[*i] == parent).collect() };
    fn count(i: usize, children: &dyn Fn(Option<usize>) -> Vec<usize>) -> i64 {
        children(Some(i)).iter().map(|c| 1 + count(*c, children)).sum()
    }
    for (i, entry) in outline.iter().enumerate() {
        let siblings = children(parents[i]);
        let position = siblings.iter().position(|s| *s == i).unwrap_or(0);
        let mut item = Dictionary::new();
        item.set("Title", Object::String(utf16_text(&entry.title), StringFormat::Hexadecimal));
        item.set("Parent", Object::Reference(parents[i].map_or(root_id, |p| ids[p])));
        if position > 0 {
            item.set("Prev", Object::Reference(ids[siblings[position - 1]]));
        }
        if let Some(next) = siblings.get(position + 1) {
            item.set("Next", Object::Reference(ids[*next]));
        }
        let own = children(Some(i));
        if let (Some(first), Some(last)) = (own.first(), own.last()) {
            item.set("First", Object::Reference(ids[*first]));
            item.set("Last", Object::Reference(ids[*last]));
            item.set("Count", Object::Integer(count(i, &children)));
        }
        if let Some(page) = pages.get(entry.page) {
            item.set("Dest", place(*page, style.page_height - entry.y + 4.0));
        }
        pdf.objects.insert(ids[i], Object::Dictionary(item));
    }
    let top_level = children(None);
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(first), Some(last)) = (top_level.first(), top_level.last()) {
        root.set("First", Object::Reference(ids[*first]));
        root.set("Last", Object::Reference(ids[*last]));
    }
    root.set("Count", Object::Integer(outline.len() as i64));
    pdf.objects.insert(root_id, Object::Dictionary(root));
    root_id
}

/// A PDF text string: UTF-16BE with a byte-order mark, so Chinese titles display.
fn utf16_text(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    bytes
}

/// A 128-bit FNV-1a digest: stable across runs, machines and Rust versions.
fn fingerprint(bytes: &[u8]) -> u128 {
    let mut hash: u128 = 0x6c62272e07bb014262b821756295c58d;
    for byte in bytes {
        hash ^= u128::from(*byte);
        hash = hash.wrapping_mul(0x0000000001000000000000000000013B);
    }
    hash
}

fn replace_all(haystack: &mut [u8], needle: &[u8], replacement: &[u8]) {
    debug_assert_eq!(needle.len(), replacement.len());
    let mut start = 0;
    while let Some(found) = haystack[start..].windows(needle.len()).position(|w| w == needle) {
        let at = start + found;
        haystack[at..at + needle.len()].copy_from_slice(replacement);
        start = at + needle.len();
    }
}
