use crate::check::{CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags code and expression languages evaluated from request data: a JSR-223
    /// `ScriptEngine.eval(code)`, Spring SpEL `parser.parseExpression(expr)`,
    /// `GroovyShell.evaluate/parse`, OGNL, MVEL and Commons JEXL expressions and scripts
    /// (`jexl.createExpression/createScript/createTemplate`), and templates compiled
    /// from request text (Velocity `evaluate(ctx, out, tag, template)`, FreeMarker
    /// `new Template(name, new StringReader(source), cfg)`); and reflection on a class or
    /// method the request names (`Class.forName(name)`, `loader.loadClass(name)`,
    /// `cls.getMethod(name)` / `getDeclaredMethod(name)`); Jakarta EL (`ELProcessor.eval`,
    /// `ExpressionFactory.createValueExpression`); a JNDI name (`InitialContext.lookup`),
    /// which can load and run a remote class; and a Spring MVC view name
    /// built from request data (`return "user/" + lang;` from a `@Controller`'s
    /// request-mapping method that is not `@ResponseBody`, `new ModelAndView(view)`,
    /// `setViewName(view)`): Thymeleaf evaluates the expressions in a view name
    /// (`__${T(java.lang.Runtime).getRuntime().exec('id')}__::x`).
    ///
    /// ## Why is this bad?
    /// Each of these languages reaches Java classes: `T(java.lang.Runtime).getRuntime()
    /// .exec('id')` in SpEL, `${"freemarker.template.utility.Execute"?new()("id")}` in
    /// FreeMarker; whoever writes the expression runs code on the server (CWE-94,
    /// CWE-917, CWE-1336). A class or method the client names is instantiated or
    /// invoked with the application's privileges (CWE-470).
    ///
    /// ## Example
    /// ```java
    /// Expression e = new SpelExpressionParser().parseExpression(request.getParameter("f"));
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// // Map the allowed choices to fixed expressions (or plain code).
    /// Expression e = parser.parseExpression(FILTERS.get(request.getParameter("f")));
    /// ```
    JavaCodeInjection
}

static META: RuleMeta = RuleMeta {
    id: "java/code-injection",
    title: "Code or expression evaluated from input",
    cwe: &[94, 917, 1336, 470],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "code, expression or template built from input is evaluated; never evaluate request text, map it to fixed choices",
    family: Family::Java,
    keywords: &[
        "javax.script",
        "org.springframework.expression",
        "groovy.lang",
        "ognl",
        "mvel",
        "org.apache.velocity",
        "freemarker.template",
        "forName",
        "loadClass",
        "getMethod",
        "getDeclaredMethod",
        "Mapping",
        "javax.el",
        "jakarta.el",
        "javax.naming",
        "org.apache.commons.jexl",
    ],
    calls: &[
        "eval",
        "parseExpression",
        "evaluate",
        "parse",
        "getValue",
        "compileExpression",
        "createExpression",
        "createScript",
        "createTemplate",
        "Template",
        "forName",
        "loadClass",
        "getMethod",
        "getDeclaredMethod",
        "ModelAndView",
        "setViewName",
        "setValue",
        "createValueExpression",
        "createMethodExpression",
        "lookup",
        "doLookup",
    ],
    on: on::RETURN,
};

/// `"redirect:..."` / `"forward:..."`: Spring sends or forwards the request instead of
/// rendering a template (the open-redirect rule judges the URL).
fn dispatch_view(v: &crate::flow::value::Val) -> bool {
    let p = v.prefix.as_deref().or(v.const_str()).unwrap_or("");
    p.starts_with("redirect:") || p.starts_with("forward:")
}

impl Rule for JavaCodeInjection {
    crate::rule_meta!(META);
    /// `return "user/" + lang;` from a Spring MVC handler that renders a view.
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        let f = &cx.module().funcs[site.func];
        let names = |pred: &dyn Fn(&str) -> bool| {
            f.decorators.iter().any(|d| d.last_name().is_some_and(pred))
        };
        if !names(&|n| n.ends_with("Mapping")) || names(&|n| n == "ResponseBody") {
            return;
        }
        if !cx.imports("org.springframework") || dispatch_view(site.val) {
            return;
        }
        // A view name is text: a string built here, or a `String` parameter returned
        // as is (not a `ResponseEntity` or a model object).
        let text = site.val.built
            || site.val.prefix.is_some()
            || site.value.as_name().is_some_and(|n| {
                f.params.iter().any(|p| {
                    p.name() == Some(n)
                        && p.annotation
                            .as_deref()
                            .is_some_and(|a| a.rsplit(' ').next() == Some("String"))
                })
            });
        if text {
            cx.flow(site.span, site.val, sink::CODE, accept::REQUEST);
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let path = site.path.unwrap_or("");
        let code = match site.name {
            // engine.eval(code) of a JSR-223 script engine
            "eval" if site.recv.is_some() && cx.imports("javax.script") => site.arg(0),
            // MVEL.eval(expr, vars)
            "eval" | "compileExpression"
                if path.ends_with("MVEL.eval") || path.ends_with("MVEL.compileExpression") =>
            {
                site.arg(0)
            }
            "parseExpression"
                if cx.imports("org.springframework.expression") || path.contains("Ognl.") =>
            {
                site.arg(0)
            }
            "getValue" if path.ends_with("Ognl.getValue") => site.arg(0),
            // Apache Commons JEXL: `jexl.createExpression(src)`, `createScript(src)`,
            // `createTemplate(src)` (JXLT).
            "createExpression" | "createScript" | "createTemplate"
                if site.recv.is_some()
                    && (cx.imports("org.apache.commons.jexl3")
                        || cx.imports("org.apache.commons.jexl2")) =>
            {
                site.arg(0)
            }
            "evaluate" | "parse" if site.recv.is_some() && cx.imports("groovy.lang") => site.arg(0),
            // Velocity.evaluate(context, writer, logTag, template) / engine.evaluate(...)
            "evaluate" if cx.imports("org.apache.velocity") && site.positional() == 4 => {
                site.arg(3)
            }
            // new Template(name, new StringReader(source), cfg)
            "Template" if site.call.is_new && cx.imports("freemarker.template") => site.arg(1),
            // Jakarta Expression Language: `new ELProcessor().eval(expr)`,
            // `factory.createValueExpression(ctx, "${" + expr + "}", type)`.
            "eval" | "getValue" | "setValue"
                if site.recv.is_some() && (cx.imports("javax.el") || cx.imports("jakarta.el")) =>
            {
                site.arg(0)
            }
            "createValueExpression" | "createMethodExpression"
                if cx.imports("javax.el") || cx.imports("jakarta.el") =>
            {
                site.arg(1)
            }
            // JNDI: `new InitialContext().lookup(name)` of a name from the request loads
            // and runs a class from the server the name points at (`ldap://evil/x`).
            // A name under the component's own `java:` namespace stays local.
            "lookup" | "doLookup" if cx.imports("javax.naming") => site.arg(0).filter(|(_, v)| {
                !v.prefix
                    .as_deref()
                    .or(v.const_str())
                    .is_some_and(|p| p.starts_with("java:"))
            }),
            _ => None,
        };
        if let Some((_, v)) = code {
            cx.flow(site.span, v, sink::CODE, accept::INPUT);
            return;
        }
        // Reflection on a name from the request (a command-line user choosing a class
        // of their own program is no attack).
        // new ModelAndView(view) / mav.setViewName(view): a view name from input.
        if matches!(site.name, "ModelAndView" | "setViewName")
            && (site.call.is_new || site.name == "setViewName")
        {
            if let Some((_, v)) = site.arg(0)
                && !dispatch_view(v)
            {
                cx.flow(site.span, v, sink::CODE, accept::REQUEST);
            }
            return;
        }
        let name = match site.name {
            "forName" if path.ends_with("Class.forName") => site.arg(0),
            "loadClass" | "getMethod" | "getDeclaredMethod" if site.recv.is_some() => site.arg(0),
            _ => None,
        };
        if let Some((_, v)) = name {
            cx.flow(site.span, v, sink::CODE, accept::REQUEST);
        }
    }
}
