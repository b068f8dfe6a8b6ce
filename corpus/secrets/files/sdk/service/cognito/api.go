package cognito

// Respond with "ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": {"USERNAME": "..."}.
	TruncationToken: "InvalidationBatchTruncated",
	PasswordVerifier = "PASSWORD_VERIFIER"
