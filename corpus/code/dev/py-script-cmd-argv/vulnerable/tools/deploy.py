import subprocess
import sys


def main():
    branch = sys.argv[1]
    subprocess.call("git checkout " + branch + " && make deploy", shell=True)


if __name__ == "__main__":
    main()
