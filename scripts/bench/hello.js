// The baseline for time to first frame: the smallest Ink app, plain ESM from node_modules.
import React from 'react';
import {render, Text} from 'ink';

render(React.createElement(Text, null, 'hello'));
