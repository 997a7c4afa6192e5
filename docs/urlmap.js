// Where the references of other namespaces live, for links from the
// HttpAuth references; the three HttpAuth references install side by side.
// SPDX-License-Identifier: LGPL-2.1-or-later
var baseURLs = [
  ['GLib', 'https://docs.gtk.org/glib/'],
  ['GObject', 'https://docs.gtk.org/gobject/'],
  ['Gio', 'https://docs.gtk.org/gio/'],
  ['Gdk', 'https://docs.gtk.org/gdk4/'],
  ['Gsk', 'https://docs.gtk.org/gsk4/'],
  ['Gtk', 'https://docs.gtk.org/gtk4/'],
  ['Pango', 'https://docs.gtk.org/Pango/'],
  ['Soup', 'https://libsoup.org/libsoup-3.0/'],
  ['Secret', 'https://gnome.pages.gitlab.gnome.org/libsecret/'],
  ['WebKit', 'https://webkitgtk.org/reference/webkitgtk/stable/'],
  ['HttpAuth', '../HttpAuth-1/'],
  ['HttpAuthGtk', '../HttpAuthGtk-1/'],
  ['HttpAuthWebKit', '../HttpAuthWebKit-1/'],
];
