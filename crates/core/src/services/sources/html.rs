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
        .url_schemes(HashSet::new())
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
