package com.erasureworker.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Just enough Markdown reading for the documentation tests: the repository's Markdown files, their fenced code blocks,
 * their headings as GitHub anchors, and their links outside code.
 */
final class Markdown {

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)\\s*([\\w+-]*).*$");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    /** An inline link or image: {@code [text](target)} or {@code [text](target "title")}. */
    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");

    /** A fenced block: its info string (language), the line the fence opens on (1-based), its lines dedented. */
    record Block(Path file, int line, String language, List<String> lines) {

        String text() {
            return String.join("\n", lines) + "\n";
        }
    }

    /** A link outside code: where it is and what it points at. */
    record Link(Path file, int line, String target) {
    }

    private Markdown() {
    }

    /** The repository's root: the nearest directory upwards holding pom.xml (Surefire starts in it). */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no pom.xml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** README.md, then every Markdown file under docs/, in path order. */
    static List<Path> documents() {
        Path root = root();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Block> blocks(Path file) {
        List<Block> blocks = new ArrayList<>();
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            String fence = open.group(2);
            List<String> body = new ArrayList<>();
            int start = i + 1;
            for (i = i + 1; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith(fence) && line.strip().replace(fence.substring(0, 1), "").isEmpty()) {
                    break;
                }
                body.add(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading());
            }
            blocks.add(new Block(file, start, open.group(3), body));
        }
        return blocks;
    }

    /** The lines of a file outside fenced code blocks, by 1-based line number. */
    private static Map<Integer, String> prose(Path file) {
        Map<Integer, String> prose = new HashMap<>();
        List<String> lines = lines(file);
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher marker = FENCE.matcher(line);
            if (fence == null && marker.matches()) {
                fence = marker.group(2);
            } else if (fence != null && line.strip().startsWith(fence)
                    && line.strip().replace(fence.substring(0, 1), "").isEmpty()) {
                fence = null;
            } else if (fence == null) {
                prose.put(i + 1, line);
            }
        }
        return prose;
    }

    static List<Link> links(Path file) {
        List<Link> links = new ArrayList<>();
        prose(file).entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String text = CODE_SPAN.matcher(entry.getValue()).replaceAll("");
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                links.add(new Link(file, entry.getKey(), link.group(1)));
            }
        });
        return links;
    }

    /** The anchors GitHub gives the file's headings (duplicates numbered -1, -2, …). */
    static Set<String> anchors(Path file) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        prose(file).entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            Matcher heading = HEADING.matcher(entry.getValue());
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        });
        return anchors;
    }

    /** GitHub's heading anchor: the rendered text lower-cased, punctuation dropped, spaces made hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "")
                .replace("*", "").toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }
}
