//! Java binary-to-text encoders whose output is drawn from a small alphabet (Base64,
//! URL-safe Base64, hex) with no line breaks, quotes, angle brackets or spaces: whatever
//! went in, what comes out cannot end a header or log line, close a markup or SQL
//! literal, or add a shell word.

use super::value::class;
use crate::ir::{Call, ExprKind};

/// Sink classes an encoding of any text is safe for.
const TEXT_SAFE: u32 =
    class::HEADER | class::LOG | class::HTML | class::SQL | class::SHELL | class::XML;

/// The classes the result of `call` (method `name`) is safe for, when it is one of these
/// encoders:
/// - `java.util.Base64.getEncoder()/getUrlEncoder().encodeToString(..)` (not the MIME
///   encoder, which breaks lines every 76 characters);
/// - commons-codec `Base64.encodeBase64String/encodeBase64URLSafeString`,
///   `Hex.encodeHexString`, `DigestUtils.*Hex` digests;
/// - JAXB `DatatypeConverter.printBase64Binary/printHexBinary`;
/// - JJWT `Jwts.builder()...compact()` (three URL-safe Base64 parts and two dots).
pub(crate) fn encoded_classes(call: &Call, name: &str) -> Option<u32> {
    let ExprKind::Attr(recv, _) = &call.callee.kind else {
        return None;
    };
    let class_name = recv.last_name();
    let from = |ms: &[&str]| {
        recv.as_call()
            .is_some_and(|c| c.callee.last_name().is_some_and(|m| ms.contains(&m)))
    };
    match name {
        "encodeToString" if from(&["getEncoder", "getUrlEncoder"]) => Some(TEXT_SAFE),
        "encodeBase64String" if class_name == Some("Base64") => Some(TEXT_SAFE),
        "encodeBase64URLSafeString" if class_name == Some("Base64") => {
            Some(TEXT_SAFE | class::PATH)
        }
        "encodeHexString" if class_name == Some("Hex") => Some(TEXT_SAFE | class::PATH),
        "printBase64Binary" if class_name == Some("DatatypeConverter") => Some(TEXT_SAFE),
        "printHexBinary" if class_name == Some("DatatypeConverter") => {
            Some(TEXT_SAFE | class::PATH)
        }
        n if class_name == Some("DigestUtils") && n.ends_with("Hex") => {
            Some(TEXT_SAFE | class::PATH)
        }
        "compact" if chain_starts_at(call, "Jwts", "builder") => Some(TEXT_SAFE),
        _ => None,
    }
}

/// A method chain `Cls.first(..).a(..).b(..)` whose root call is `Cls.first`.
fn chain_starts_at(call: &Call, cls: &str, first: &str) -> bool {
    let mut cur = call;
    loop {
        let ExprKind::Attr(b, m) = &cur.callee.kind else {
            return false;
        };
        match b.as_call() {
            Some(inner) => cur = inner,
            None => return m == first && b.last_name() == Some(cls),
        }
    }
}
