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

  var EntriesControl = createClass({
    // isValid is asked by the CMS before saving: the list's own checks.
    isValid: function () {
      return this.inner && this.inner.isValid ? this.inner.isValid() : true;
    },
    keepInner: function (ref) {
      this.inner = ref;
    },
    handleChange: function (value, metadata) {
      this.props.onChange(value && value.map ? value.map(asWritten) : value, metadata);
    },
    render: function () {
      var field = this.props.field;
      var empty = field.clear();
      var value = this.props.value;
      if (value && value.map) {
        value = value.map(function (item) { return asMapping(item, empty); });
      }
      return h(list.control, Object.assign({}, this.props, {
        field: field.set('fields', field.get('item_fields')).delete('item_fields'),
        value: value,
        onChange: this.handleChange,
        ref: this.keepInner,
      }));
    },
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
  CMS.init();
})();
