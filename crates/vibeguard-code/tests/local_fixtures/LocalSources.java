// Run under the `local` threat model (tests/fixtures.rs); no findings under `remote`.
import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;
import java.util.Scanner;

public class LocalSources {
    void environment() throws Exception {
        String cmd = System.getenv("BUILD_CMD");
        Runtime.getRuntime().exec(cmd); // expect: java/command-injection
    }

    void systemProperty() throws Exception {
        String dir = System.getProperty("data.dir");
        new FileInputStream(dir); // expect: java/path-traversal
    }

    void propertiesFile(Connection c) throws Exception {
        Properties props = new Properties();
        props.load(new FileInputStream("app.properties"));
        String where = props.getProperty("filter");
        c.createStatement().executeQuery(where); // expect: java/sql-injection
    }

    void fileLines() throws Exception {
        BufferedReader in = new BufferedReader(new FileReader("jobs.txt"));
        String line = in.readLine();
        Runtime.getRuntime().exec(line); // expect: java/command-injection
        String first = Files.readAllLines(Paths.get("jobs.txt")).get(0);
        Runtime.getRuntime().exec(first); // expect: java/command-injection
        Scanner tokens = new Scanner(new File("hosts.txt"));
        new FileInputStream(tokens.next()); // expect: java/path-traversal
        File hostsFile = new File("hosts.txt");
        Scanner hosts = new Scanner(hostsFile);
        Runtime.getRuntime().exec(hosts.nextLine()); // expect: java/command-injection
        Runtime.getRuntime().exec(new String[] {"wc", "-l", hostsFile.getPath()}); // ok
        Scanner fixed = new Scanner("a b c");
        new FileInputStream(fixed.next()); // ok: a scanner over a constant
    }

    void console() throws Exception {
        String name = System.console().readLine();
        new FileInputStream(name); // expect: java/path-traversal
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in));
        String other = stdin.readLine();
        new FileInputStream(other); // expect: java/path-traversal
    }

    void databaseRow(Connection c) throws Exception {
        PreparedStatement ps = c.prepareStatement("select cmd from jobs where id = 1");
        ResultSet rs = ps.executeQuery();
        String cmd = rs.getString(1);
        Runtime.getRuntime().exec(cmd); // expect: java/command-injection
    }

    JobRepository jobs;
    javax.persistence.EntityManager em;

    void entities(long id) throws Exception {
        Job job = jobs.findById(id).get();
        Runtime.getRuntime().exec(job.getCommand()); // expect: java/command-injection
        for (Job j : jobs.findByOwner("ci")) {
            new FileInputStream(j.getCommand()); // expect: java/path-traversal
        }
        Job found = em.find(Job.class, id);
        Runtime.getRuntime().exec(found.getCommand()); // expect: java/command-injection
        Job draft = new Job();
        Runtime.getRuntime().exec(draft.getCommand()); // ok: built here, not read
    }

    void countFromEnvironment(Connection c) throws Exception {
        int n = Integer.parseInt(System.getenv("BUFFER_SIZE"));
        int[] buffer = new int[n]; // expect: java/resource-exhaustion
        Integer limit = Integer.getInteger("query.limit", 100);
        c.createStatement().executeQuery(limit.toString()); // ok: a number, no text
        byte[] page = new byte[limit]; // expect: java/resource-exhaustion
    }
}

interface JobRepository extends org.springframework.data.jpa.repository.JpaRepository<Job, Long> {
    java.util.List<Job> findByOwner(String owner);
}

@javax.persistence.Entity
class Job {
    private String command;

    public String getCommand() {
        return command;
    }
}
