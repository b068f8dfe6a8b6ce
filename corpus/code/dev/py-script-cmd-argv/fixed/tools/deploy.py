import subprocess
import sys


def main():
    branch = sys.argv[1]
    subprocess.check_call(["git", "checkout", branch])
    subprocess.check_call(["make", "deploy"])


if __name__ == "__main__":
    main()
