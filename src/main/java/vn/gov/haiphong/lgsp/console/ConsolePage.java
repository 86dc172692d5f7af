package vn.gov.haiphong.lgsp.console;

import java.util.List;

/**
 * One page of a list the console shows, read a page at a time from the database: the rows, and
 * the links to the previous and next pages (the current URL with its filters, another page
 * number). The query asks for {@code size + 1} rows so it knows whether there is a next page
 * without counting.
 */
public record ConsolePage<T>(List<T> items, int page, int size, boolean more) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    /** A page of {@code fetched} (up to size + 1 rows read). */
    public static <T> ConsolePage<T> of(List<T> fetched, int page, int size) {
        boolean more = fetched.size() > size;
        return new ConsolePage<>(more ? List.copyOf(fetched.subList(0, size)) : List.copyOf(fetched), page, size, more);
    }

    /** A page number as asked (from 0), kept sane. */
    public static int page(Integer asked) {
        return asked == null || asked < 0 ? 0 : Math.min(asked, 100_000);
    }

    /** A page size as asked, within 1..{@link #MAX_SIZE}. */
    public static int size(Integer asked) {
        return asked == null || asked < 1 ? DEFAULT_SIZE : Math.min(asked, MAX_SIZE);
    }

    public long offset() {
        return (long) page * size;
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public String previousUrl() {
        return linkTo(page - 1);
    }

    public String nextUrl() {
        return linkTo(page + 1);
    }

    private static String linkTo(int page) {
        return ConsoleFormat.urlWith("page", String.valueOf(Math.max(0, page)));
    }
}
