//! ERB templates (`.html.erb` views of Rails, `.erb` files) read as Ruby: the Ruby inside
//! the tags is kept at its own offsets and everything else is blanked (line breaks kept),
//! so spans, lines and columns stay those of the template.
//!
//! - `<% code %>` keeps `code`, its closing tag becomes a statement separator;
//! - `<%= expr %>` keeps `expr` (Rails escapes what it prints);
//! - `<%== expr %>` prints `expr` unescaped: it becomes `raw( expr );` (same length), the
//!   call Rails itself stands for it, so the rules that read `raw` see it;
//! - `<%# ... %>` comments and `<%%` (a literal `<%`) are blanked.

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum View {
    Erb,
    Haml,
    Slim,
}

/// A Ruby template (`show.html.erb`, `show.html.haml`, `show.html.slim`), read as Ruby.
pub(crate) fn template_of(path: &str) -> Option<View> {
    let b = path.as_bytes();
    let ends = |suffix: &[u8]| {
        b.len() > suffix.len() && b[b.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    if ends(b".erb") {
        Some(View::Erb)
    } else if ends(b".haml") {
        Some(View::Haml)
    } else if ends(b".slim") {
        Some(View::Slim)
    } else {
        None
    }
}

/// The Ruby of a template file (`None` for a file that is not one); `escapes`: whether
/// `<%= %>` escapes what it prints (every Rails since 3).
pub(crate) fn template_ruby(path: &str, src: &str, escapes: bool) -> Option<String> {
    Some(match template_of(path)? {
        View::Erb => ruby_of_with(src, escapes),
        View::Haml => crate::haml::ruby_of(src, crate::haml::Dialect::Haml),
        View::Slim => crate::haml::ruby_of(src, crate::haml::Dialect::Slim),
    })
}

/// `src` (an ERB template) as Ruby with the same length and line breaks. With `escapes`
/// false (Rails 2 without the rails_xss plugin), `<%=` prints unescaped too and becomes
/// `raw(` when a space follows it.
pub fn ruby_of_with(src: &str, escapes: bool) -> String {
    let b = src.as_bytes();
    let mut out: Vec<u8> = b
        .iter()
        .map(|&c| if c == b'\n' { b'\n' } else { b' ' })
        .collect();
    let mut i = 0;
    while let Some(off) = memchr::memmem::find(&b[i..], b"<%") {
        let open = i + off;
        let mut code = open + 2;
        if b.get(code) == Some(&b'%') {
            // `<%%`: a literal `<%` in the output.
            i = code + 1;
            continue;
        }
        let comment = b.get(code) == Some(&b'#');
        let mut raw = b.get(code..code + 2) == Some(b"==");
        let print = !raw && b.get(code) == Some(&b'=');
        if raw {
            code += 2;
        } else if print && !escapes && b.get(code + 1) == Some(&b' ') {
            // `<%= x %>` of Rails 2: `raw( x );`, the space giving the fourth byte.
            raw = true;
            code += 2;
        } else if print || b.get(code) == Some(&b'-') {
            code += 1;
        }
        let Some(close) = memchr::memmem::find(&b[code..], b"%>").map(|k| code + k) else {
            break;
        };
        // `-%>` trims the line break after the tag.
        let body_end = if close > code && b[close - 1] == b'-' {
            close - 1
        } else {
            close
        };
        if !comment {
            out[code..body_end].copy_from_slice(&b[code..body_end]);
            let body = src.get(code..body_end).unwrap_or("").trim_end();
            if raw && !opens_block(body) {
                out[open..open + 4].copy_from_slice(b"raw(");
                out[close] = b')';
                out[close + 1] = b';';
            } else {
                out[close + 1] = b';';
            }
        }
        i = close + 2;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The tag's code opens a block its later tags close (`form_for x do |f|`, `each {`):
/// it cannot be wrapped in a call.
fn opens_block(body: &str) -> bool {
    let body = match body.strip_suffix('|') {
        // `do |f|`: drop the block parameters.
        Some(rest) => rest
            .rsplit_once('|')
            .map_or(rest, |(head, _)| head)
            .trim_end(),
        None => body,
    };
    body.ends_with('{')
        || body == "do"
        || body.ends_with(" do")
        || body.ends_with(")do")
        || body.ends_with("\tdo")
}

#[cfg(test)]
mod tests {
    use super::ruby_of_with;

    fn ruby_of(src: &str) -> String {
        ruby_of_with(src, true)
    }

    #[test]
    fn tags_keep_their_offsets() {
        let src = "<p><%= @a %></p>\n<%== params[:x] %>\n<%# c %><% if x -%>y<% end %>";
        let rb = ruby_of(src);
        assert_eq!(rb.len(), src.len());
        assert_eq!(
            rb,
            "       @a  ;    \nraw( params[:x] );\n           if x   ;    end  ;"
        );
    }

    #[test]
    fn rails2_prints_unescaped() {
        assert_eq!(ruby_of_with("<%= x %>", false), "raw(x );");
        assert_eq!(ruby_of_with("<%= x %>", true), "    x  ;");
    }

    #[test]
    fn block_helpers_are_not_wrapped() {
        let rb = ruby_of("<%== form_for x do |f| %>a<% end %>");
        assert!(rb.starts_with("     form_for x do |f|  ;"));
    }
}
