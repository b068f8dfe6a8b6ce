import Foundation

enum Keys {
    static let smtpPassword = "Saffron$maple8615"
    static let secretKey = "<token>"
    static let clientSecret = "ZB4UqZrEpYcxmGSNGrpct56JUgZ/wPDYA+vgcfXYQAo="
    static let githubToken = "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"
    static let passwd = "Falcon@harbor8921"
    static let secretKey = "django-insecure-_s4#+(l8)=k0td0#n2we2@vu)vc@e+hm1s@6yuqah48hbkd2^_"
    static let commitSha = "4f420561d61f1a23f62f53a893fc5f76a5ab3df7"
    static let runnerToken = "glrt-M_8axKceCK-R7Wqp6dRI"
    let slackBotToken = ProcessInfo.processInfo.environment["SLACK_BOT_TOKEN"]
    let apiKey = ProcessInfo.processInfo.environment["API_KEY"]
    static let ghOauthToken = "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"
    static let passwordBcrypt = "$2b$12$KMW.DtLf.3My3CWMAJwkD/eIQzOzhbH3UbqL.fwXt3VEtugcr/ygk"
    static let clientId = "80fe5bfa-4502-4ba0-aa1f-50187d3b895f"
    static let atlassianApiToken = "ATATT3xFfGF0aADIbOK5Zbw0o5942y60oGQniEHQLFxnrv_aeQAtt1NnAUNeo9gDz0pG0GvkxcIjtXQzZAqAIOJa5t5_cnIyDMOinLTytB9KWg0Zt28MHrXZttqYS47I55dKIvQIc-pQFx1ldpSqk9QaH85hzvkhh6CZ43G4-J-BSb0z3hl8plF=44AA2FBA"
}
