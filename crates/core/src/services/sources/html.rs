//! A web page to the article it holds: readability (dom_smoothie) keeps the article and drops
//! navigation, menus and boilerplate; ammonia sanitizes what the viewer shows, so the page's
//! scripts never run and nothing is fetched from the network (images and frames go, links stay
//! as text).

use std::collections::HashSet;

pub struct Page {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub text: String,
    /// The article's HTML, safe to show.
    pub html: String,
}

pub fn read(html: &str) -> Page {
    let parsed = dom_smoothie::Readability::new(html, None, None)
        .ok()
        .and_then(|mut r| r.parse().ok());
    match parsed {
        Some(article) => {
            let text = article.text_content.to_string();
            let content = article.content.to_string();
            Page {
                title: Some(article.title.to_string()).filter(|t| !t.trim().is_empty()),
                byline: article.byline.map(|b| b.to_string()),
                published: article.published_time.map(|p| p.to_string()),
                text: tidy(&text),
                html: sanitize(&content),
            }
        }
        // Not an article readability recognises: all the page's text, still sanitized.
        None => {
            let safe = sanitize(html);
            Page {
                title: None,
                byline: None,
                published: None,
                text: tidy(&text_of(&safe)),
                html: safe,
            }
        }
    }
}

/// Stored HTML as the viewer may show it: sanitized again with the same policy, because what is
/// stored may come from an imported export or another database, not from `read`. None when it
/// nests too deep to sanitize quickly (the viewer then shows the article's text).
pub fn for_view(stored: &str) -> Option<String> {
    (!deeper_than(stored, super::read::limits::MAX_HTML_DEPTH)).then(|| sanitize(stored))
}

/// Whether the page nests tags deeper than `limit`, as an HTML parser would build it, measured by
/// one linear scan before any parser runs (parsing, readability and sanitizing are quadratic in
/// depth). Tags a parser closes by itself (`<p>`, `<li>`, `<td>`… left open, void elements)
/// are not counted as nesting; any doubt counts as deeper, never shallower, so a crafted page
/// cannot pass for a shallow one.
pub fn deeper_than(html: &str, limit: usize) -> bool {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound",
    ];
    // Their content is text, not tags: skipped to their end tag.
    const RAW: &[&str] = &[
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
    ];
    // Start tags that close an open `<p>` (the HTML parser's "close a p element").
    const CLOSE_P: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "header",
        "hgroup",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "search",
        "section",
        "summary",
        "ul",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "listing",
        "form",
        "li",
        "dd",
        "dt",
        "hr",
        "xmp",
    ];
    // Elements the parser looks through for an open `<li>`/`<dd>`/`<dt>` to close; any other
    // element ends the search (stopping early only ever counts deeper).
    const LIST_CROSSABLE: &[&str] = &[
        "a", "b", "i", "em", "strong", "u", "s", "span", "font", "small", "big", "code", "sub",
        "sup", "nobr", "tt", "abbr", "cite", "q", "mark", "time", "div", "p", "address",
    ];
    // Pops what a start tag closes by itself, as the HTML parser does: an open `<p>` in button
    // scope before a block, a sibling `<li>`, a cell or row before the next one.
    fn implied_close(stack: &mut Vec<String>, name: &str) {
        let found =
            |stack: &[String], target: &dyn Fn(&str) -> bool, cross: &dyn Fn(&str) -> bool| {
                stack
                    .iter()
                    .rposition(|t| target(t) || !cross(t))
                    .filter(|&at| target(&stack[at]))
            };
        if CLOSE_P.contains(&name) {
            let boundary = [
                "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
                "button",
            ];
            if let Some(at) = found(stack, &|t| t == "p", &|t| !boundary.contains(&t)) {
                stack.truncate(at);
            }
        }
        let at = match name {
            "li" => found(stack, &|t| t == "li", &|t| LIST_CROSSABLE.contains(&t)),
            "dd" | "dt" => found(stack, &|t| t == "dd" || t == "dt", &|t| {
                LIST_CROSSABLE.contains(&t)
            }),
            "td" | "th" => found(stack, &|t| t == "td" || t == "th", &|t| {
                !matches!(t, "table" | "html" | "template")
            }),
            "tr" => found(stack, &|t| t == "tr", &|t| {
                !matches!(t, "table" | "html" | "template")
            }),
            "thead" | "tbody" | "tfoot" => {
                found(stack, &|t| matches!(t, "thead" | "tbody" | "tfoot"), &|t| {
                    !matches!(t, "table" | "html" | "template")
                })
            }
            "option" => stack
                .last()
                .is_some_and(|t| t == "option")
                .then(|| stack.len() - 1),
            _ => None,
        };
        if let Some(at) = at {
            stack.truncate(at);
        }
    }
    let b = html.as_bytes();
    let lower = |i: usize| b[i].to_ascii_lowercase();
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if b[i..].starts_with(b"<!--") {
            i = find(b, i + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let close = b.get(i + 1) == Some(&b'/');
        let start = i + 1 + close as usize;
        let mut j = start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'-' | b':' | b'_')) {
            j += 1;
        }
        if j == start || !b[start].is_ascii_alphabetic() {
            // `<!doctype>`, `<?xml>` or a lone `<`: not an element.
            i = if matches!(b.get(start), Some(b'!' | b'?')) {
                find(b, start, b">").map_or(b.len(), |e| e + 1)
            } else {
                i + 1
            };
            continue;
        }
        let name: String = (start..j).map(|k| lower(k) as char).collect();
        // To the tag's end, quoted attribute values may hold '>'.
        let mut quote = None;
        while j < b.len() {
            match (quote, b[j]) {
                (None, b'"' | b'\'') => quote = Some(b[j]),
                (Some(q), c) if c == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            j += 1;
        }
        i = j + 1;
        if close {
            if let Some(at) = stack.iter().rposition(|t| *t == name) {
                stack.truncate(at);
            }
            continue;
        }
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if RAW.contains(&name.as_str()) {
            let end = format!("</{name}");
            let mut k = i;
            i = loop {
                match find(b, k, b"</") {
                    Some(e)
                        if b.len() >= e + end.len()
                            && (0..end.len()).all(|n| lower(e + n) == end.as_bytes()[n]) =>
                    {
                        break e
                    }
                    Some(e) => k = e + 2,
                    None => break b.len(),
                }
            };
            continue;
        }
        implied_close(&mut stack, &name);
        stack.push(name);
        if stack.len() > limit {
            return true;
        }
    }
    false
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// What the viewer may show: text structure only, no scripts, styles, images, frames or
/// anything that loads from elsewhere.
pub fn sanitize(html: &str) -> String {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "div",
        "span",
        "a",
        "figure",
        "figcaption",
        "sup",
        "sub",
    ]
    .into_iter()
    .collect();
    ammonia::Builder::default()
        .tags(tags)
        .link_rel(Some("noopener noreferrer"))
        // No address survives, not even a relative or protocol-relative one (`//evil.example/x`
        // would load from the network, or resolve against the app): links stay as text.
        .url_schemes(HashSet::new())
        .url_relative(ammonia::UrlRelative::Deny)
        .clean(html)
        .to_string()
}

/// The text of sanitized HTML: tags dropped, block ends as line breaks, entities decoded.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' => {
                in_tag = false;
                let t = tag
                    .trim_start_matches('/')
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                if matches!(
                    t,
                    "p" | "br" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4"
                ) {
                    out.push('\n');
                }
            }
            _ if in_tag => tag.push(c),
            _ => out.push(c),
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// Lines trimmed, runs of blank lines collapsed.
fn tidy(text: &str) -> String {
    let mut out = Vec::new();
    let mut blank = false;
    for line in text.lines() {
        let l = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if l.is_empty() {
            if !blank && !out.is_empty() {
                out.push(String::new());
            }
            blank = true;
        } else {
            out.push(l);
            blank = false;
        }
    }
    out.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_remote_images_do_nothing() {
        let page = "<html><head><title>Tổng kết</title><script>alert(1)</script></head><body>\
            <nav>Trang chủ | Tin tức</nav><article><h1>Tổng kết công tác thi đua</h1>\
            <p>Sáng ngày 8/12, Cụm thi đua số III tổ chức hội nghị tổng kết công tác thi đua năm 2023.</p>\
            <img src=\"http://example.com/x.png\" onerror=\"alert(2)\"><p>Hội nghị đã bầu Ban Tổ chức Tỉnh ủy Quảng Trị làm Cụm trưởng.</p>\
            <script>document.write('x')</script></article></body></html>";
        let p = read(page);
        assert!(p.text.contains("Cụm thi đua số III"), "{}", p.text);
        for bad in ["<script", "alert", "<img", "http://example.com", "onerror"] {
            assert!(!p.html.contains(bad), "{bad} in {}", p.html);
        }
    }
}
