// kb-cms.js adds to Decap CMS what the generator's front matter needs
// beyond Decap's own widgets, then starts it.
//
// The entries widget edits a list whose items are each a name alone
// ("Hungary") or a mapping with a name and more keys
// ({name: Hungary, signed: 2024-11-06}), as an agreement's parties and an
// organisation's members are. Decap's list widget edits either one or the
// other: this one shows every item as a mapping in the list widget's form,
// and saves an item that holds nothing but its name as the name alone. An
// item it is not asked to change stays as it was written. Its keys are
// item_fields in config.yml rather than fields, which Decap would expect
// every item of the saved list to be a mapping of.
(function () {
  'use strict';

  var list = CMS.getWidget('list');

  function isEmpty(v) {
    return v === undefined || v === null || v === '';
  }

  // asMapping returns item as a mapping, item being a name or a mapping;
  // empty is an empty mapping of the CMS's kind (Immutable.js, which the
  // bundle does not export).
  function asMapping(item, empty) {
    return typeof item === 'string' ? empty.set('name', item) : item;
  }

  // asWritten returns a mapping that holds a name and nothing else as
  // that name, and any other without its empty keys.
  function asWritten(item) {
    if (typeof item === 'string' || !item || !item.filter) {
      return item;
    }
    var filled = item.filter(function (v) { return !isEmpty(v); });
    if (filled.size === 1 && typeof filled.get('name') === 'string') {
      return filled.get('name');
    }
    return filled;
  }

  // wrapping returns a control that draws the control inner with the
  // props that change gives it, and checks the field as inner does when
  // the CMS asks before saving.
  function wrapping(inner, change) {
    return createClass({
      isValid: function () {
        return this.inner && this.inner.isValid ? this.inner.isValid() : true;
      },
      keepInner: function (ref) {
        this.inner = ref;
      },
      render: function () {
        return h(inner, Object.assign({}, this.props, change(this.props), { ref: this.keepInner }));
      },
    });
  }

  var EntriesControl = wrapping(list.control, function (props) {
    var empty = props.field.clear();
    var value = props.value;
    if (value && value.map) {
      value = value.map(function (item) { return asMapping(item, empty); });
    }
    return {
      field: props.field.set('fields', props.field.get('item_fields')).delete('item_fields'),
      value: value,
      onChange: function (value, metadata) {
        props.onChange(value && value.map ? value.map(asWritten) : value, metadata);
      },
    };
  });

  function EntriesPreview(props) {
    var names = props.value && props.value.map ? props.value.map(function (item) {
      return typeof item === 'string' ? item : item.get('name');
    }).toArray() : [];
    return h('p', {}, names.join(', '));
  }

  // A field left empty is left out of the file, as an editor writing by
  // hand leaves it out: the CMS would write an emptied text box as "" and
  // a cleared choice as null or [], which mean the same to the generator.
  CMS.registerEventListener({
    name: 'preSave',
    handler: function (event) {
      return event.entry.get('data').filter(function (v, key) {
        return key === 'body' || !(isEmpty(v) || v.size === 0);
      });
    },
  });

  CMS.registerWidget('entries', EntriesControl, EntriesPreview, {
    properties: { item_fields: { type: 'array', minItems: 1 } },
  });

  // A relation reports its value as a change once it has loaded the
  // entries it names, to pass on their data for the preview. In a form of
  // several languages the CMS then takes the entry for changed and warns
  // of unsaved changes that are none: a value the same as before is not
  // passed on, and the preview shows slugs rather than titles.
  var relation = CMS.getWidget('relation');
  CMS.registerWidget('relation', wrapping(relation.control, function (props) {
    return {
      onChange: function (value, metadata) {
        var same = props.value && props.value.equals ? props.value.equals(value) : props.value === value;
        if (!same) {
          props.onChange(value, metadata);
        }
      },
    };
  }), relation.preview, relation.schema);

  // In a site of several languages a translation is x.hu.md beside x.md,
  // the file in the site's own language. Decap CMS names that file
  // x.en.md, as it names every language's: between the CMS and the
  // backend that reads and writes the files, x.md is shown as x.en.md
  // and x.en.md written as x.md, unless the file was named so.
  // (Sveltia CMS has omit_default_locale_from_filename for this.)
  function ownLanguageNames(backend, i18n) {
    var own = '.' + i18n.default_locale + '.md';
    var named = {}; // the files of the site's own language named with its code
    function language(path) {
      var m = /\.([^./]+)\.md$/.exec(path);
      return m && i18n.locales.indexOf(m[1]) >= 0 ? m[1] : '';
    }
    function shown(path) {
      if (!/\.md$/.test(path)) {
        return path;
      }
      if (path.slice(-own.length) === own) {
        named[path] = true;
      }
      return language(path) ? path : path.slice(0, -3) + own;
    }
    function stored(path) {
      return path && path.slice(-own.length) === own && !named[path] ? path.slice(0, -own.length) + '.md' : path;
    }
    function withPath(entry, path) {
      return Object.assign({}, entry, { file: Object.assign({}, entry.file, { path: path }) });
    }
    function shownAll(entries) {
      return entries.map(function (e) { return withPath(e, shown(e.file.path)); });
    }
    var names = {
      entriesByFolder: function (folder, extension, depth) {
        return backend.entriesByFolder(folder, extension, depth).then(shownAll);
      },
      allEntriesByFolder: backend.allEntriesByFolder && function (folder, extension, depth, pathRegex) {
        return backend.allEntriesByFolder(folder, extension, depth, pathRegex).then(shownAll);
      },
      entriesByFiles: function (files) {
        return backend.entriesByFiles(files.map(function (f) {
          return Object.assign({}, f, { path: stored(f.path) });
        })).then(shownAll);
      },
      getEntry: function (path) {
        return backend.getEntry(stored(path)).then(function (e) { return withPath(e, path); });
      },
      // A language whose tab is left empty gets no file: the generator
      // takes a file that is only empty for a mistake.
      persistEntry: function (entry, options) {
        return backend.persistEntry(Object.assign({}, entry, {
          dataFiles: entry.dataFiles.filter(function (f) { return /\S/.test(f.raw); }).map(function (f) {
            return Object.assign({}, f, { path: stored(f.path), newPath: stored(f.newPath) });
          }),
        }), options);
      },
      deleteFiles: function (paths, message) {
        return backend.deleteFiles(paths.map(stored), message);
      },
    };
    return new Proxy(backend, {
      get: function (target, name) {
        if (names[name]) {
          return names[name];
        }
        var v = target[name];
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  }

  // The CMS makes its backend, the local one or the one of config.yml,
  // through the registry's init, which is wrapped so.
  ['proxy', 'git-gateway', 'github', 'gitlab', 'gitea', 'bitbucket', 'azure'].forEach(function (name) {
    var registered = CMS.getBackend(name);
    if (!registered) {
      return;
    }
    var init = registered.init;
    registered.init = function (config, options) {
      var backend = init(config, options);
      return config.i18n ? ownLanguageNames(backend, config.i18n) : backend;
    };
  });

  CMS.init();
})();
