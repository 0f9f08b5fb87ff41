SELECT tag, class, spdx, commercial FROM licence_class ORDER BY tag
