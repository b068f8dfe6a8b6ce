# split so the line stays short
PRIVATE_KEY = ("VYU0fISlSg20iKM0f4DtiDAq"
               "31G6uFRfTGlML3h8OrK7A1fj")
auth = ("deploy", os.environ["DEPLOY_PASSWORD"])
